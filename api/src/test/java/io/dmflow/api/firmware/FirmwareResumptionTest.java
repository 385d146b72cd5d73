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

import io.dmflow.api.testing.DropOffs;
import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.transport.LinkDrop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

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

    /** A step of the update, the device's link drop that fails it, and whether the device starts stuck in DOWNLOADED. */
    private record Step(String name, LinkDrop drop, boolean stuckInDownloaded) {}

    private static final List<Step> STEPS = List.of(
            new Step("read-version", LinkDrop.beforeRequest("GET", "/3/0/3"), false),
            new Step("read-object", LinkDrop.beforeRequest("GET", "/5/0"), false),
            new Step("reset", LinkDrop.beforeRequest("PUT", "/5/0/1"), true),
            new Step("observe", LinkDrop.beforeRequest("GET", "/5/0/3"), false),
            new Step("push-lost", LinkDrop.beforeRequest("PUT", "/5/0/0"), false),
            new Step("push-arrived", LinkDrop.afterRequest("PUT", "/5/0/0"), false),
            new Step("read-progress", LinkDrop.beforeRequest("GET", "/5/0").atOccurrence(2), false),
            new Step("update-lost", LinkDrop.beforeRequest("POST", "/5/0/2"), false),
            new Step("update-done", LinkDrop.afterRequest("POST", "/5/0/2"), false),
            new Step("read-new-version", LinkDrop.beforeRequest("GET", "/3/0/3").atOccurrence(2), false));

    /** The steps of a pull over CoAP that differ from a push: the Package URI write, lost or answered. */
    private static final List<Step> PULL_STEPS = List.of(
            new Step("pull-uri-lost", LinkDrop.beforeRequest("PUT", "/5/0/1"), false),
            new Step("pull-uri-arrived", LinkDrop.afterRequest("PUT", "/5/0/1"), false));

    /** One device per step, all updated at once, as a fleet's devices drop off at different steps of one task. */
    @Test
    void aDeviceThatDropsOffAtAStepResumesThere() {
        dropOffAtEachStep(STEPS, "fw-drop-", "");
    }

    @Test
    void aDeviceThatDropsOffAtAStepOfAPullResumesThere() {
        dropOffAtEachStep(PULL_STEPS, "fw-pull-drop-", "\"transferMethod\": \"Pull\", \"protocol\": \"coap\"");
    }

    private void dropOffAtEachStep(List<Step> steps, String prefix, String properties) {
        Map<Step, SimulatedFleet> fleets = new LinkedHashMap<>();
        try {
            Map<Step, Long> downloadsBefore = new LinkedHashMap<>();
            Map<Step, String> executions = updateEach(steps, prefix, properties, fleets, downloadsBefore);

            SoftAssertions softly = new SoftAssertions();
            DropOffs.bringBackWhenWaitedFor(
                    steps, Step::name, step -> fleets.get(step).device(), executions::get, softly);
            for (Step step : steps) {
                SimulatedDevice device = fleets.get(step).device();
                JsonPath ended = ended(executions.get(step), "SUCCESS");
                softly.assertThat(device.deviceObject().firmwareVersion())
                        .as("%s: firmware version", step.name())
                        .isEqualTo(NEW_VERSION);
                softly.assertThat(downloads(device.firmware()) - downloadsBefore.get(step))
                        .as("%s: packages received", step.name())
                        .isEqualTo(1);
                softly.assertThat(ended.getList("history.status", String.class))
                        .as("%s: history", step.name())
                        .contains("WAITING_FOR_DEVICE");
            }
            softly.assertAll();
        } finally {
            fleets.values().forEach(SimulatedFleet::close);
        }
    }

    /**
     * Starts a device per step, set to drop off there (stuck in Downloaded first where the step needs it), and
     * submits its update; answers the executions, and notes each device's downloads so far.
     */
    private Map<Step, String> updateEach(
            List<Step> steps,
            String prefix,
            String properties,
            Map<Step, SimulatedFleet> fleets,
            Map<Step, Long> downloadsBefore) {
        Map<Step, String> executions = new LinkedHashMap<>();
        for (Step step : steps) {
            String endpoint = prefix + step.name();
            String image = storeImage(prefix + "image-" + step.name());
            SimulatedFleet fleet = start(fleet(coap(), endpoint), endpoint);
            fleets.put(step, fleet);
            SimulatedDevice device = fleet.device();
            if (step.stuckInDownloaded()) {
                FirmwareDevices.leaveEarlierImage(server, device);
            }
            downloadsBefore.put(step, downloads(device.firmware()));
            device.dropOffAt(step.drop());
            executions.put(step, update(endpoint, image, properties));
        }
        return executions;
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

    /** The flow's name of the step each drop-off fails. */
    private static final Map<String, String> STEP_NAMES = Map.of(
            "read-version", "Read the firmware version",
            "read-object", "Read the Firmware Update object",
            "reset", "Reset the state machine",
            "observe", "Observe the state",
            "push-lost", "Deliver the package",
            "push-arrived", "Deliver the package",
            "read-progress", "Read the download state",
            "update-lost", "Execute Update",
            "update-done", "Execute Update",
            "read-new-version", "Read the new firmware version");

    /** One device per step again, none of them coming back: each update ends at its first downlink failure. */
    @Test
    void withoutResumptionTheFirstDownlinkFailureEndsTheUpdateNamingTheStep() {
        Map<Step, SimulatedFleet> fleets = new LinkedHashMap<>();
        try {
            Map<Step, String> executions = updateEach(
                    STEPS, "fw-no-resume-", "\"resumeAfterDownlinkFailure\": \"false\"", fleets, new LinkedHashMap<>());

            SoftAssertions softly = new SoftAssertions();
            for (Step step : STEPS) {
                JsonPath ended = ended(executions.get(step), "ERROR");
                softly.assertThat(ended.getString("result"))
                        .as("%s: result", step.name())
                        .isEqualTo("ERROR");
                softly.assertThat(ended.getString("details"))
                        .as("%s: details", step.name())
                        .contains("downlink failure at step '" + STEP_NAMES.get(step.name()) + "'");
                // Past Execute Update the device runs the new image whatever the flow then does.
                if (!List.of("update-done", "read-new-version").contains(step.name())) {
                    softly.assertThat(fleets.get(step).device().deviceObject().firmwareVersion())
                            .as("%s: firmware version", step.name())
                            .isNotEqualTo(NEW_VERSION);
                }
            }
            softly.assertAll();
        } finally {
            fleets.values().forEach(SimulatedFleet::close);
        }
    }
}
