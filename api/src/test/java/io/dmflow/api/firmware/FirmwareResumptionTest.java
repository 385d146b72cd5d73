package io.dmflow.api.firmware;

import static io.dmflow.api.firmware.FirmwareDevices.NEW_VERSION;
import static io.dmflow.api.firmware.FirmwareDevices.downloads;
import static io.dmflow.api.firmware.FirmwareDevices.ended;
import static io.dmflow.api.firmware.FirmwareDevices.fleet;
import static io.dmflow.api.firmware.FirmwareDevices.start;
import static io.dmflow.api.firmware.FirmwareDevices.storeImage;
import static io.dmflow.api.firmware.FirmwareDevices.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.delivery.InMemoryPackageSource;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.delivery.PackageFormat;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.object.firmware.FirmwareState;
import io.dmflow.simulator.transport.LinkDrop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A device that drops off its link at a step of the firmware update and comes back: the update waits for it and
 * resumes at that step, not from the start, and a package that had arrived is not sent again. With
 * resumeAfterDownlinkFailure=false the first downlink failure ends the update ERROR, naming the step.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(FirmwareSettings.class)
class FirmwareResumptionTest {

    @Inject
    DeviceManagementServer server;

    private URI coap() {
        return server.coapUri().orElseThrow();
    }

    static Stream<Arguments> steps() {
        return Stream.of(
                Arguments.of("read-version", LinkDrop.beforeRequest("GET", "/3/0/3"), false),
                Arguments.of("read-object", LinkDrop.beforeRequest("GET", "/5/0"), false),
                Arguments.of("reset", LinkDrop.beforeRequest("PUT", "/5/0/1"), true),
                Arguments.of("observe", LinkDrop.beforeRequest("GET", "/5/0/3"), false),
                Arguments.of("push-lost", LinkDrop.beforeRequest("PUT", "/5/0/0"), false),
                Arguments.of("push-arrived", LinkDrop.afterRequest("PUT", "/5/0/0"), false),
                Arguments.of(
                        "read-progress", LinkDrop.beforeRequest("GET", "/5/0").atOccurrence(2), false),
                Arguments.of("update-lost", LinkDrop.beforeRequest("POST", "/5/0/2"), false),
                Arguments.of("update-done", LinkDrop.afterRequest("POST", "/5/0/2"), false),
                Arguments.of(
                        "read-new-version",
                        LinkDrop.beforeRequest("GET", "/3/0/3").atOccurrence(2),
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void aDeviceThatDropsOffAtAStepResumesThere(String step, LinkDrop drop, boolean stuckInDownloaded) {
        String endpoint = "fw-drop-" + step;
        String image = storeImage("fw-drop-image-" + step);
        try (SimulatedFleet fleet = start(fleet(coap(), endpoint), endpoint)) {
            SimulatedDevice device = fleet.device();
            if (stuckInDownloaded) {
                server.delivery()
                        .push(
                                endpoint,
                                "/5/0/0",
                                new InMemoryPackageSource("stale", PackageFormat.build("dmflow-fw", "1.5.0", 500)))
                        .join();
                await().atMost(FirmwareDevices.TIMEOUT)
                        .until(() -> device.firmware().state() == FirmwareState.DOWNLOADED);
            }
            long downloadsBefore = downloads(device.firmware());
            device.dropOffAt(drop);
            String execution = update(endpoint, image, "");

            TaskApi.awaitStatus(execution, "WAITING_FOR_DEVICE");
            assertThat(device.isOffline()).isTrue();
            device.comeBack();
            JsonPath ended = ended(execution, "SUCCESS");

            assertThat(device.deviceObject().firmwareVersion()).isEqualTo(NEW_VERSION);
            assertThat(downloads(device.firmware()) - downloadsBefore)
                    .as("packages received")
                    .isEqualTo(1);
            assertThat(ended.getList("history.status", String.class)).contains("WAITING_FOR_DEVICE");
        }
    }

    @Test
    void aBlockingUpdateWaitingForItsDeviceHoldsTheNextTaskUntilItEnds() {
        TaskApi.saveTemplate("fw-after-update", "<config><set key=\"/3/0/15\" value=\"After-Firmware\"/></config>");
        String image = storeImage("fw-blocking-image");
        try (SimulatedFleet fleet = start(fleet(coap(), "fw-blocking"), "fw-blocking")) {
            SimulatedDevice device = fleet.device();
            device.dropOffAt(LinkDrop.beforeRequest("PUT", "/5/0/0"));
            String firmware = TaskApi.executionOf(TaskApi.submit("""
                    {"type": "Lwm2mFirmwareUpdateTask", "target": {"device": "fw-blocking"}, "blocking": true,
                     "properties": {"resourceId": "%s", "statePollInterval": "PT1S"}}""".formatted(image)));
            TaskApi.awaitStatus(firmware, "WAITING_FOR_DEVICE");
            String next = TaskApi.executionOf(TaskApi.submit("""
                    {"template": "fw-after-update", "target": {"device": "fw-blocking"}}"""));
            // Nothing signals that an execution did not start: watch it stay queued for a while.
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(6))
                    .until(() -> TaskApi.status(next).equals("QUEUED"));

            device.comeBack();
            JsonPath updated = ended(firmware, "SUCCESS");
            JsonPath after = ended(next, "SUCCESS");

            assertThat(Instant.parse(updated.getString("endedAt")))
                    .isBeforeOrEqualTo(Instant.parse(after.getString("startedAt")));
            assertThat(device.deviceObject().firmwareVersion()).isEqualTo(NEW_VERSION);
        }
    }

    @Test
    void withoutResumptionTheFirstDownlinkFailureEndsTheUpdateNamingTheStep() {
        String image = storeImage("fw-no-resume-image");
        try (SimulatedFleet fleet = start(fleet(coap(), "fw-no-resume"), "fw-no-resume")) {
            SimulatedDevice device = fleet.device();
            device.dropOffAt(LinkDrop.beforeRequest("PUT", "/5/0/0"));

            JsonPath ended = ended(update("fw-no-resume", image, "\"resumeAfterDownlinkFailure\": \"false\""), "ERROR");

            assertThat(ended.getString("result")).isEqualTo("ERROR");
            assertThat(ended.getString("details")).contains("downlink failure at step 'Deliver the package'");
            assertThat(device.deviceObject().firmwareVersion()).isEqualTo(FirmwareDevices.OLD_VERSION);
        }
    }
}
