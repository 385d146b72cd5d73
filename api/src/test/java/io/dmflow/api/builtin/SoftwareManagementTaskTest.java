package io.dmflow.api.builtin;

import static io.dmflow.api.builtin.BuiltInTaskRuns.device;
import static io.dmflow.api.builtin.BuiltInTaskRuns.ended;
import static io.dmflow.api.builtin.BuiltInTaskRuns.submit;
import static io.dmflow.api.builtin.SoftwarePackages.downloads;
import static io.dmflow.api.builtin.SoftwarePackages.install;
import static io.dmflow.api.builtin.SoftwarePackages.installed;
import static io.dmflow.api.builtin.SoftwarePackages.store;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.dmflow.api.database.Sql;
import io.dmflow.api.testing.RefusedEffectRecord;
import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.delivery.ReceivedPackage;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.object.software.SoftwareFaults;
import io.dmflow.simulator.object.software.SoftwareManagement;
import io.dmflow.simulator.object.software.SoftwareUpdateState;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lwm2mSoftwareManagementTask (lwm2m-software-management) end to end on simulated devices: install by push and by
 * pull (CoAP, HTTP) ends SUCCESS with the package state read back, a new version replaces an installed one, uninstall
 * empties the instance; a failure code in Update Result ends ERROR with the code and its meaning.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(BuiltInTaskSettings.class)
class SoftwareManagementTaskTest {

    @Inject
    DeviceManagementServer server;

    @Inject
    Sql sql;

    @Test
    void anInstallByPushDeliversInstallsAndReadsThePackageBack() throws InterruptedException {
        String resource = store("sw-push", "2.0.0");
        try (SimulatedFleet fleet = device(server, "sw-push")) {
            SoftwareManagement software = fleet.device().software();

            JsonPath execution = ended(install("sw-push", resource, "\"transferMethod\": \"Push\""), "SUCCESS");

            assertThat(software.updateState()).isEqualTo(SoftwareUpdateState.INSTALLED);
            assertThat(software.currentPackage()).map(ReceivedPackage::version).contains("2.0.0");
            assertThat(software.stateHistory())
                    .containsSubsequence(
                            SoftwareUpdateState.INITIAL,
                            SoftwareUpdateState.DOWNLOAD_STARTED,
                            SoftwareUpdateState.DOWNLOADED,
                            SoftwareUpdateState.DELIVERED,
                            SoftwareUpdateState.INSTALLED);
            assertThat(downloads(software)).isEqualTo(1);
            assertThat(execution.getString("result")).isEqualTo("SUCCESS");
            assertThat(execution.getString("details"))
                    .isEqualTo("install succeeded: instance=/9/0 pkgName="
                            + SoftwarePackages.NAME
                            + " pkgVersion=2.0.0 updateState=4 (installed) updateResult=2 (software "
                            + "successfully installed) activationState=false");
        }
    }

    @Test
    void anInstallByCoapPullDownloadsFromDmflow() {
        String resource = store("sw-pull-coap", "2.0.0");
        try (SimulatedFleet fleet = device(server, "sw-pull-coap")) {
            JsonPath execution = ended(
                    install("sw-pull-coap", resource, "\"transferMethod\": \"Pull\", \"protocol\": \"coap\""),
                    "SUCCESS");

            assertThat(fleet.device().software().currentPackage())
                    .map(ReceivedPackage::version)
                    .contains("2.0.0");
            assertThat(execution.getString("details")).contains("pkgVersion=2.0.0", "updateState=4 (installed)");
        }
    }

    @Test
    void anInstallByHttpPullDownloadsFromTheGivenBaseUrl() {
        String resource = store("sw-pull-http", "2.0.0");
        try (SimulatedFleet fleet = device(server, "sw-pull-http")) {
            ended(install("sw-pull-http", resource, """
                    "transferMethod": "Pull", "protocol": "http", "baseUrl": "http://127.0.0.1:%d\"""".formatted(RestAssured.port)), "SUCCESS");

            assertThat(fleet.device().software().updateState()).isEqualTo(SoftwareUpdateState.INSTALLED);
        }
    }

    /**
     * The device acts on Execute Install but dmflow cannot record that it did (PostgreSQL refuses the write once): the
     * job runs again and the device, which has installed the package meanwhile, refuses the second Install with 4.05.
     * The flow reads the state instead of ending ERROR, and the install ends SUCCESS, installed once.
     */
    @Test
    void anInstallRefusedBecauseTheDeviceActedOnAnEarlierExecuteEndsSuccess() {
        String resource = store("sw-repeated", "2.0.0");
        try (RefusedEffectRecord refused = RefusedEffectRecord.onceAt(sql, "executeInstall");
                SimulatedFleet fleet = device(server, "sw-repeated")) {
            SoftwareManagement software = fleet.device().software();

            ended(install("sw-repeated", resource, ""), "SUCCESS");

            assertThat(refused.attempts())
                    .as("records of Execute Install tried")
                    .isEqualTo(1);
            assertThat(software.refusedInstalls()).isEqualTo(1);
            assertThat(software.stateHistory()).containsOnlyOnce(SoftwareUpdateState.INSTALLED);
            assertThat(software.currentPackage()).map(ReceivedPackage::version).contains("2.0.0");
        }
    }

    @Test
    void aNewVersionReplacesTheInstalledOneAfterUninstallForUpdate() {
        try (SimulatedFleet fleet = device(server, "sw-upgrade")) {
            installed("sw-upgrade", "1.0.0");

            JsonPath execution = installed("sw-upgrade", "2.0.0");

            SoftwareManagement software = fleet.device().software();
            assertThat(software.currentPackage()).map(ReceivedPackage::version).contains("2.0.0");
            assertThat(downloads(software)).isEqualTo(2);
            assertThat(execution.getString("details")).contains("pkgVersion=2.0.0");
        }
    }

    @Test
    void aDeliveryLeftOverIsDiscardedBeforeTheNewPackage() {
        try (SimulatedFleet fleet = device(server, "sw-leftover")) {
            SoftwareManagement software = fleet.device().software();
            software.faults().failInstall(true);
            ended(install("sw-leftover", store("sw-leftover-1", "1.0.0"), ""), "ERROR");
            assertThat(software.updateState()).isEqualTo(SoftwareUpdateState.DELIVERED);
            software.faults().clear();

            installed("sw-leftover", "2.0.0");

            assertThat(software.currentPackage()).map(ReceivedPackage::version).contains("2.0.0");
            assertThat(software.stateHistory())
                    .containsSubsequence(
                            SoftwareUpdateState.DELIVERED,
                            SoftwareUpdateState.INITIAL,
                            SoftwareUpdateState.DOWNLOAD_STARTED,
                            SoftwareUpdateState.INSTALLED);
        }
    }

    @Test
    void anUninstallEmptiesTheInstanceAndASecondOneFindsNothingToDo() {
        try (SimulatedFleet fleet = device(server, "sw-uninstall")) {
            installed("sw-uninstall", "1.0.0");

            JsonPath first =
                    ended(submit(SoftwarePackages.TYPE, "sw-uninstall", "\"operation\": \"uninstall\""), "SUCCESS");
            JsonPath second = ended(
                    submit(
                            SoftwarePackages.TYPE,
                            "sw-uninstall",
                            "\"operation\": \"Uninstall\", \"instanceId\": \"0\""),
                    "SUCCESS");

            assertThat(fleet.device().software().updateState()).isEqualTo(SoftwareUpdateState.INITIAL);
            assertThat(fleet.device().software().currentPackage()).isEmpty();
            assertThat(first.getString("details"))
                    .startsWith("uninstall succeeded: instance=/9/0")
                    .contains("updateState=0 (initial)");
            assertThat(second.getString("details")).contains("updateState=0 (initial)");
        }
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(
                        "install",
                        (Consumer<SoftwareFaults>) faults -> faults.failInstall(true),
                        "updateResult=58 (software installation failure)"),
                Arguments.of(
                        "integrity",
                        (Consumer<SoftwareFaults>) faults -> faults.corruptPackage(true),
                        "updateResult=53 (package integrity check failure)"),
                Arguments.of(
                        "download",
                        (Consumer<SoftwareFaults>) faults -> faults.failDownload(true),
                        "updateResult=52 (connection lost during the download)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void aFailureCodeEndsTheInstallErrorWithTheCodeAndItsMeaning(
            String name, Consumer<SoftwareFaults> fault, String detail) {
        String endpoint = "sw-fail-" + name;
        String resource = store(endpoint, "2.0.0");
        try (SimulatedFleet fleet = device(server, endpoint)) {
            fault.accept(fleet.device().software().faults());

            JsonPath execution = ended(install(endpoint, resource, ""), "ERROR");

            assertThat(execution.getString("result")).isEqualTo("ERROR");
            assertThat(execution.getString("details"))
                    .startsWith("the install failed: instance=/9/0")
                    .contains(detail);
            assertThat(fleet.device().software().updateState()).isNotEqualTo(SoftwareUpdateState.INSTALLED);
        }
    }

    @Test
    void withIgnoreFaultsAFailedInstallEndsWarning() {
        String resource = store("sw-ignore", "2.0.0");
        try (SimulatedFleet fleet = device(server, "sw-ignore")) {
            fleet.device().software().faults().failInstall(true);

            JsonPath execution = ended(install("sw-ignore", resource, "\"ignoreFaults\": \"true\""), "WARNING");

            assertThat(execution.getString("result")).isEqualTo("ERROR");
            assertThat(execution.getString("details")).contains("updateResult=58");
        }
    }

    @Test
    void aFailedUninstallEndsErrorWithItsCode() {
        try (SimulatedFleet fleet = device(server, "sw-uninstall-fails")) {
            installed("sw-uninstall-fails", "1.0.0");
            fleet.device().software().faults().failUninstall(true);

            JsonPath execution =
                    ended(submit(SoftwarePackages.TYPE, "sw-uninstall-fails", "\"operation\": \"uninstall\""), "ERROR");

            assertThat(execution.getString("details"))
                    .startsWith("the uninstall failed:")
                    .contains("updateState=4 (installed)", "updateResult=59 (uninstallation failure)");
        }
    }

    @Test
    void anInstanceTheDeviceLacksEndsErrorWithTheDevicesAnswer() {
        String resource = store("sw-no-instance", "2.0.0");
        try (SimulatedFleet fleet = device(server, "sw-no-instance")) {
            JsonPath execution = ended(install("sw-no-instance", resource, "\"instanceId\": \"7\""), "ERROR");

            assertThat(execution.getString("details")).startsWith("the device answered NOT_FOUND: instance=/9/7");
        }
    }

    @Test
    void anInstallWithoutAPackageAndAnUnknownOperationEndErrorNamingTheAttribute() {
        try (SimulatedFleet fleet = device(server, "sw-invalid")) {
            JsonPath noPackage =
                    ended(submit(SoftwarePackages.TYPE, "sw-invalid", "\"operation\": \"install\""), "ERROR");
            JsonPath unknown =
                    ended(submit(SoftwarePackages.TYPE, "sw-invalid", "\"operation\": \"upgrade\""), "ERROR");

            assertThat(noPackage.getString("details")).startsWith("an install needs resourceId");
            assertThat(unknown.getString("details"))
                    .startsWith("operation must be install or uninstall, not 'upgrade'");
            assertThat(fleet.device().software().stateHistory()).containsExactly(SoftwareUpdateState.INITIAL);
        }
    }

    @Test
    void aTemplateThatCallsTheFlowGetsItsOutcomeAndGoesOn() {
        String resource = store("sw-called", "2.0.0");
        TaskApi.saveTemplate("install-then-set", """
                <config><lwm2mSoftwareManagement operation="install" resourceId="%s" resultVar="installResult" />\
                <set key="/3/0/15" value="${#installResult}" /></config>""".formatted(resource));
        try (SimulatedFleet fleet = device(server, "sw-called")) {
            JsonPath ended = ended(TaskApi.executionOf(TaskApi.submit("""
                    {"template": "install-then-set", "target": {"device": "sw-called"}}""")), "SUCCESS");

            assertThat(fleet.device().software().updateState()).isEqualTo(SoftwareUpdateState.INSTALLED);
            assertThat(fleet.device().deviceObject().operationJournal()).contains("write 15 SUCCESS");
            assertThat(ended.getList("history.status", String.class)).containsOnlyOnce("SUCCESS");
        }
    }

    @Test
    void aTaskWithoutAnOperationIsRefusedNamingTheProperty() {
        given().contentType(ContentType.JSON)
                .body("""
                {"type": "Lwm2mSoftwareManagementTask", "target": {"device": "sw-push"}, "properties": {}}""")
                .post("/api/tasks")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("properties.operation"));
    }
}
