package io.dmflow.api.builtin;

import static io.dmflow.api.builtin.BuiltInTaskRuns.device;
import static io.dmflow.api.builtin.BuiltInTaskRuns.ended;
import static io.dmflow.api.builtin.SoftwarePackages.downloads;
import static io.dmflow.api.builtin.SoftwarePackages.install;
import static io.dmflow.api.builtin.SoftwarePackages.installOf;
import static io.dmflow.api.builtin.SoftwarePackages.installed;
import static io.dmflow.api.builtin.SoftwarePackages.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.api.quota.PostgresQuotas;
import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.delivery.ReceivedPackage;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.object.software.SoftwareUpdateState;
import io.dmflow.simulator.transport.LinkDrop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A device that drops off its link at a step of a software install and comes back: the install waits for it and
 * resumes at that step, and a package that had arrived is not sent again. With resumeAfterDownlinkFailure=false the
 * first downlink failure ends the install ERROR naming the step; useQuota holds a slot of the quota software until
 * the install ends, however it ends.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(BuiltInTaskSettings.class)
class SoftwareResumptionTest {

    private static final String QUOTA = "software";

    @Inject
    DeviceManagementServer server;

    @Inject
    PostgresQuotas quotas;

    static Stream<Arguments> steps() {
        return Stream.of(
                Arguments.of("read-package", LinkDrop.beforeRequest("GET", "/9/0"), false),
                Arguments.of("room-lost", LinkDrop.beforeRequest("POST", "/9/0/6"), true),
                Arguments.of("room-made", LinkDrop.afterRequest("POST", "/9/0/6"), true),
                Arguments.of("observe", LinkDrop.beforeRequest("GET", "/9/0/7"), false),
                Arguments.of("push-lost", LinkDrop.beforeRequest("PUT", "/9/0/2"), false),
                Arguments.of("push-arrived", LinkDrop.afterRequest("PUT", "/9/0/2"), false),
                Arguments.of(
                        "read-delivery", LinkDrop.beforeRequest("GET", "/9/0").atOccurrence(2), false),
                Arguments.of("install-lost", LinkDrop.beforeRequest("POST", "/9/0/4"), false),
                Arguments.of("install-done", LinkDrop.afterRequest("POST", "/9/0/4"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void aDeviceThatDropsOffAtAStepResumesThere(String step, LinkDrop drop, boolean installedBefore) {
        String endpoint = "sw-drop-" + step;
        String resource = store(endpoint, "2.0.0");
        try (SimulatedFleet fleet = device(server, endpoint)) {
            SimulatedDevice device = fleet.device();
            if (installedBefore) {
                installed(endpoint, "1.0.0");
            }
            long downloadsBefore = downloads(device.software());

            BuiltInTaskRuns.succeededAfterDropOff(
                    device,
                    drop,
                    SoftwarePackages.TYPE,
                    installOf(resource),
                    () -> assertThat(device.isOffline()).isTrue());

            assertThat(device.software().updateState()).isEqualTo(SoftwareUpdateState.INSTALLED);
            assertThat(device.software().currentPackage())
                    .map(ReceivedPackage::version)
                    .contains("2.0.0");
            assertThat(downloads(device.software()) - downloadsBefore)
                    .as("packages received")
                    .isEqualTo(1);
        }
    }

    @Test
    void withoutResumptionTheFirstDownlinkFailureEndsTheInstallNamingTheStep() {
        String resource = store("sw-no-resume", "2.0.0");
        try (SimulatedFleet fleet = device(server, "sw-no-resume")) {
            fleet.device().dropOffAt(LinkDrop.beforeRequest("PUT", "/9/0/2"));

            JsonPath ended =
                    ended(install("sw-no-resume", resource, "\"resumeAfterDownlinkFailure\": \"false\""), "ERROR");

            assertThat(ended.getString("details"))
                    .startsWith(
                            "downlink failure at step 'Deliver the package' and resumeAfterDownlinkFailure is off:");
            assertThat(fleet.device().software().updateState()).isEqualTo(SoftwareUpdateState.INITIAL);
        }
    }

    @Test
    void aQuotaSlotIsHeldForTheInstallAndGivenBackWhenItSucceeds() {
        String resource = store("sw-quota", "2.0.0");
        try (SimulatedFleet fleet = device(server, "sw-quota")) {
            fleet.device().dropOffAt(LinkDrop.beforeRequest("POST", "/9/0/4"));
            String execution = install("sw-quota", resource, "\"useQuota\": \"true\"");
            TaskApi.awaitStatus(execution, "WAITING_FOR_DEVICE");
            assertThat(quotas.taken(QUOTA)).isEqualTo(1);

            fleet.device().comeBack();
            ended(execution, "SUCCESS");

            assertThat(quotas.taken(QUOTA)).isZero();
        }
    }

    @Test
    void aTimeoutEndsTheInstallErrorAndGivesItsQuotaSlotBack() {
        String resource = store("sw-timeout", "2.0.0");
        try (SimulatedFleet fleet = device(server, "sw-timeout")) {
            fleet.device().goOffline();
            String execution = install("sw-timeout", resource, "\"useQuota\": \"true\", \"timeoutInSec\": \"4\"");
            await().atMost(BuiltInTaskRuns.TIMEOUT).until(() -> quotas.taken(QUOTA) == 1);

            JsonPath ended = ended(execution, "ERROR");

            assertThat(ended.getString("details")).startsWith("the install did not end within PT4S: instance=/9/0");
            assertThat(quotas.taken(QUOTA)).isZero();
        }
    }
}
