package io.dmflow.api.builtin;

import static io.dmflow.api.builtin.BuiltInTaskRuns.device;
import static io.dmflow.api.builtin.BuiltInTaskRuns.ended;
import static io.dmflow.api.builtin.BuiltInTaskRuns.submit;
import static io.dmflow.api.builtin.SoftwarePackages.installed;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.transport.LinkDrop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Lwm2mSoftwareActivationTask (lwm2m-software-activation) end to end on simulated devices: activation and
 * deactivation of an installed package read the Activation State back; a package that is not installed ends ERROR
 * with the device's answer; a device that drops off is waited for and the step run at its return.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(BuiltInTaskSettings.class)
class SoftwareActivationTaskTest {

    @Inject
    DeviceManagementServer server;

    private static String activation(String desiredState) {
        return "\"desiredState\": \"" + desiredState + "\", \"instanceId\": \"0\"";
    }

    @Test
    void activationAndDeactivationReadTheActivationStateBack() {
        try (SimulatedFleet fleet = device(server, "sw-activate")) {
            SimulatedDevice device = fleet.device();
            installed("sw-activate", "1.0.0");

            JsonPath activated =
                    ended(submit("Lwm2mSoftwareActivationTask", "sw-activate", activation("active")), "SUCCESS");
            assertThat(device.software().isActive()).isTrue();
            JsonPath deactivated =
                    ended(submit("Lwm2mSoftwareActivationTask", "sw-activate", activation("inactive")), "SUCCESS");

            assertThat(device.software().isActive()).isFalse();
            assertThat(activated.getString("result")).isEqualTo("SUCCESS");
            assertThat(activated.getString("details"))
                    .isEqualTo("activated /9/0, Activation State reads true (enabled)");
            assertThat(deactivated.getString("details"))
                    .isEqualTo("deactivated /9/0, Activation State reads false (disabled)");
        }
    }

    @Test
    void aPackageThatIsNotInstalledEndsErrorWithTheDevicesAnswer() {
        try (SimulatedFleet fleet = device(server, "sw-activate-empty")) {
            JsonPath ended =
                    ended(submit("Lwm2mSoftwareActivationTask", "sw-activate-empty", activation("active")), "ERROR");

            assertThat(ended.getString("details")).isEqualTo("device answered METHOD_NOT_ALLOWED at /9/0");
            assertThat(fleet.device().software().isActive()).isFalse();
        }
    }

    @Test
    void aDeviceThatDropsOffIsWaitedForAndActivatedWhenItReturns() {
        try (SimulatedFleet fleet = device(server, "sw-activate-drop")) {
            SimulatedDevice device = fleet.device();
            installed("sw-activate-drop", "1.0.0");

            JsonPath ended = BuiltInTaskRuns.succeededAfterDropOff(
                    device,
                    LinkDrop.beforeRequest("POST", "/9/0/10"),
                    "Lwm2mSoftwareActivationTask",
                    activation("active"),
                    () -> assertThat(device.software().isActive()).isFalse());

            assertThat(device.software().isActive()).isTrue();
            assertThat(ended.getString("details")).isEqualTo("activated /9/0, Activation State reads true (enabled)");
        }
    }

    @Test
    void anUnknownDesiredStateEndsErrorNamingIt() {
        try (SimulatedFleet fleet = device(server, "sw-activate-unknown")) {
            JsonPath ended = ended(
                    submit("Lwm2mSoftwareActivationTask", "sw-activate-unknown", activation("sleeping")), "ERROR");

            assertThat(ended.getString("details")).isEqualTo("desiredState must be active or inactive, not 'sleeping'");
        }
    }

    @Test
    void anActivationWithoutAnInstanceIsRefusedNamingTheProperty() {
        given().contentType(ContentType.JSON)
                .body("""
                {"type": "Lwm2mSoftwareActivationTask", "target": {"device": "sw-activate"},
                 "properties": {"desiredState": "active"}}""")
                .post("/api/tasks")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("properties.instanceId"));
    }
}
