package io.dmflow.api.builtin;

import static io.dmflow.api.builtin.BuiltInTaskRuns.device;
import static io.dmflow.api.builtin.BuiltInTaskRuns.ended;
import static io.dmflow.api.builtin.BuiltInTaskRuns.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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
 * ExecuteTask (lwm2m-execute) end to end on simulated devices: the key is executed once, with its arguments; a
 * device that drops off is waited for and the key executed at its return; an error answer and a device that never
 * returns end ERROR with the reason.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(BuiltInTaskSettings.class)
class ExecuteTaskTest {

    @Inject
    DeviceManagementServer server;

    @Test
    void theKeyIsExecutedOnceWithItsArguments() {
        try (SimulatedFleet fleet = device(server, "exec-reset")) {
            JsonPath execution = ended(
                    submit("ExecuteTask", "exec-reset", "\"key\": \"/3/0/12\", \"arguments\": \"0='now'\""), "SUCCESS");

            assertThat(fleet.device().deviceObject().operationJournal()).containsOnlyOnce("execute 12");
            assertThat(execution.getString("result")).isEqualTo("SUCCESS");
            assertThat(execution.getString("details")).isEqualTo("executed /3/0/12 with arguments 0='now'");
        }
    }

    @Test
    void aDeviceThatDropsOffIsWaitedForAndTheKeyExecutedWhenItReturns() {
        try (SimulatedFleet fleet = device(server, "exec-drop")) {
            SimulatedDevice device = fleet.device();
            JsonPath ended = BuiltInTaskRuns.succeededAfterDropOff(
                    device,
                    LinkDrop.beforeRequest("POST", "/3/0/4"),
                    "ExecuteTask",
                    "\"key\": \"/3/0/4\"",
                    () -> assertThat(device.rebootCount()).isZero());

            await().atMost(BuiltInTaskRuns.TIMEOUT).until(() -> device.rebootCount() == 1);
            assertThat(ended.getString("details")).isEqualTo("executed /3/0/4");
        }
    }

    @Test
    void aResourceThatCannotBeExecutedEndsErrorWithTheDevicesAnswer() {
        try (SimulatedFleet fleet = device(server, "exec-refused")) {
            JsonPath ended = ended(submit("ExecuteTask", "exec-refused", "\"key\": \"/3/0/0\""), "ERROR");

            assertThat(ended.getString("result")).isEqualTo("ERROR");
            assertThat(ended.getString("details"))
                    .startsWith("device answered ")
                    .doesNotEndWith("an error");
        }
    }

    @Test
    void aDeviceThatDoesNotComeBackBeforeTheResumeTimeoutEndsError() {
        try (SimulatedFleet fleet = device(server, "exec-gone")) {
            fleet.device().dropOffAt(LinkDrop.beforeRequest("POST", "/3/0/4"));

            JsonPath ended = ended(
                    submit("ExecuteTask", "exec-gone", "\"key\": \"/3/0/4\", \"resumeTimeout\": \"PT3S\""), "ERROR");

            assertThat(ended.getString("details")).isEqualTo("device did not come back before the resume timeout");
            assertThat(fleet.device().rebootCount()).isZero();
        }
    }

    @Test
    void anExecuteWithoutAKeyIsRefusedNamingTheProperty() {
        given().contentType(ContentType.JSON)
                .body("""
                {"type": "ExecuteTask", "target": {"device": "exec-reset"}, "properties": {}}""")
                .post("/api/tasks")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("properties.key"));
    }
}
