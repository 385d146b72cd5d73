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
import io.dmflow.api.testing.DropOffs;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

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

    /** A step of the install, the device's link drop that fails it, and whether a version is installed before. */
    private record Step(String name, LinkDrop drop, boolean installedBefore) {}

    private static final List<Step> STEPS = List.of(
            new Step("read-package", LinkDrop.beforeRequest("GET", "/9/0"), false),
            new Step("room-lost", LinkDrop.beforeRequest("POST", "/9/0/6"), true),
            new Step("room-made", LinkDrop.afterRequest("POST", "/9/0/6"), true),
            new Step("observe", LinkDrop.beforeRequest("GET", "/9/0/7"), false),
            new Step("push-lost", LinkDrop.beforeRequest("PUT", "/9/0/2"), false),
            new Step("push-arrived", LinkDrop.afterRequest("PUT", "/9/0/2"), false),
            new Step("read-delivery", LinkDrop.beforeRequest("GET", "/9/0").atOccurrence(2), false),
            new Step("install-lost", LinkDrop.beforeRequest("POST", "/9/0/4"), false),
            new Step("install-done", LinkDrop.afterRequest("POST", "/9/0/4"), false));

    /** One device per step, all installing at once, as a fleet's devices drop off at different steps of one task. */
    @Test
    void aDeviceThatDropsOffAtAStepResumesThere() {
        Map<Step, SimulatedFleet> fleets = new LinkedHashMap<>();
        try {
            Map<Step, String> resources = new LinkedHashMap<>();
            for (Step step : STEPS) {
                String endpoint = "sw-drop-" + step.name();
                resources.put(step, store(endpoint, "2.0.0"));
                fleets.put(step, device(server, endpoint));
                if (step.installedBefore()) {
                    installed(endpoint, "1.0.0");
                }
            }
            Map<Step, Long> downloadsBefore = new LinkedHashMap<>();
            Map<Step, String> executions = new LinkedHashMap<>();
            for (Step step : STEPS) {
                SimulatedDevice device = fleets.get(step).device();
                downloadsBefore.put(step, downloads(device.software()));
                device.dropOffAt(step.drop());
                executions.put(
                        step,
                        BuiltInTaskRuns.submit(
                                SoftwarePackages.TYPE, device.endpoint(), installOf(resources.get(step))));
            }

            SoftAssertions softly = new SoftAssertions();
            DropOffs.bringBackWhenWaitedFor(
                    STEPS, Step::name, step -> fleets.get(step).device(), executions::get, softly);
            for (Step step : STEPS) {
                SimulatedDevice device = fleets.get(step).device();
                JsonPath ended = ended(executions.get(step), "SUCCESS");
                softly.assertThat(ended.getList("history.status", String.class))
                        .as("%s: history", step.name())
                        .contains("WAITING_FOR_DEVICE");
                softly.assertThat(device.software().updateState())
                        .as("%s: update state", step.name())
                        .isEqualTo(SoftwareUpdateState.INSTALLED);
                softly.assertThat(device.software().currentPackage())
                        .as("%s: installed package", step.name())
                        .map(ReceivedPackage::version)
                        .contains("2.0.0");
                softly.assertThat(downloads(device.software()) - downloadsBefore.get(step))
                        .as("%s: packages received", step.name())
                        .isEqualTo(1);
            }
            softly.assertAll();
        } finally {
            fleets.values().forEach(SimulatedFleet::close);
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
