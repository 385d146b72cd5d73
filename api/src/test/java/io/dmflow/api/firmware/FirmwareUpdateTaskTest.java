package io.dmflow.api.firmware;

import static io.dmflow.api.firmware.FirmwareDevices.NEW_VERSION;
import static io.dmflow.api.firmware.FirmwareDevices.OLD_VERSION;
import static io.dmflow.api.firmware.FirmwareDevices.downloads;
import static io.dmflow.api.firmware.FirmwareDevices.ended;
import static io.dmflow.api.firmware.FirmwareDevices.fleet;
import static io.dmflow.api.firmware.FirmwareDevices.start;
import static io.dmflow.api.firmware.FirmwareDevices.storeImage;
import static io.dmflow.api.firmware.FirmwareDevices.update;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.dmflow.api.database.Sql;
import io.dmflow.api.testing.RefusedEffectRecord;
import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.contract.BuiltInProcess;
import io.dmflow.contract.JobType;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.object.firmware.FirmwareState;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Lwm2mFirmwareUpdateTask end to end on simulated devices: push and pull (CoAP and HTTP), from Idle and from a
 * machine stuck in Downloaded, ends SUCCESS with the new version read back from the rebooted device.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(FirmwareSettings.class)
class FirmwareUpdateTaskTest {

    @Inject
    DeviceManagementServer server;

    @Inject
    Sql sql;

    private URI coap() {
        return server.coapUri().orElseThrow();
    }

    @Test
    void aPushFromIdleUpdatesTheDeviceAndReportsBothVersions() throws InterruptedException {
        String image = storeImage("fw-push-image");
        try (SimulatedFleet fleet = start(fleet(coap(), "fw-push"), "fw-push")) {
            SimulatedDevice device = fleet.device();
            JsonPath execution = ended(update("fw-push", image, "\"transferMethod\": \"Push\""), "SUCCESS");

            assertThat(device.deviceObject().firmwareVersion()).isEqualTo(NEW_VERSION);
            assertThat(device.rebootCount()).isEqualTo(1);
            assertThat(device.firmware().stateHistory())
                    .containsSubsequence(
                            FirmwareState.IDLE,
                            FirmwareState.DOWNLOADING,
                            FirmwareState.DOWNLOADED,
                            FirmwareState.UPDATING,
                            FirmwareState.IDLE);
            assertThat(downloads(device.firmware())).isEqualTo(1);
            assertThat(execution.getString("result")).isEqualTo("SUCCESS");
            assertThat(execution.getString("details"))
                    .contains(
                            "oldFirmwareVersion=" + OLD_VERSION, "newFirmwareVersion=" + NEW_VERSION, "updateResult=1");
            // The version the flow read after the reboot is the one the device's page (the data model cache) shows.
            assertThat(given().get("/api/devices/{endpoint}/values", "fw-push")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getString("find { it.path == '/3/0/3' }.value"))
                    .isEqualTo(NEW_VERSION);
        }
    }

    @Test
    void aCoapPullFromAStuckDownloadedStateResetsTheMachineFirst() {
        String image = storeImage("fw-pull-coap-image");
        try (SimulatedFleet fleet = start(fleet(coap(), "fw-pull-coap"), "fw-pull-coap")) {
            SimulatedDevice device = fleet.device();
            // An older image left behind by an update that never ran: the machine waits in Downloaded.
            FirmwareDevices.leaveEarlierImage(server, device);

            JsonPath execution = ended(
                    update(
                            "fw-pull-coap",
                            image,
                            "\"transferMethod\": \"Pull\", \"protocol\": \"coap\", \"checkDeliveryAndProtocol\": \"true\""),
                    "SUCCESS");

            assertThat(device.deviceObject().firmwareVersion()).isEqualTo(NEW_VERSION);
            assertThat(device.firmware().packageUri()).startsWith(coap() + "/fw/");
            assertThat(device.firmware().stateHistory())
                    .containsSubsequence(
                            FirmwareState.DOWNLOADED,
                            FirmwareState.IDLE,
                            FirmwareState.DOWNLOADING,
                            FirmwareState.DOWNLOADED,
                            FirmwareState.UPDATING);
            assertThat(execution.getString("details")).contains("newFirmwareVersion=" + NEW_VERSION);
        }
    }

    @Test
    void withTheCacheTheStateTheDeviceReportedDecidesOnTheResetAndTheObjectIsNotRead() {
        String image = storeImage("fw-cache-image");
        try (SimulatedFleet fleet = start(fleet(coap(), "fw-cache"), "fw-cache")) {
            SimulatedDevice device = fleet.device();
            FirmwareDevices.leaveEarlierImage(server, device);
            assertThat(device.sendData("/5/0/3")).isTrue();
            await().atMost(FirmwareDevices.TIMEOUT)
                    .untilAsserted(() -> given().get("/api/devices/{endpoint}/values", "fw-cache")
                            .then()
                            .statusCode(200)
                            .body("find { it.path == '/5/0/3' }.value", equalTo(2)));

            JsonPath execution =
                    ended(update("fw-cache", image, "\"useCacheForInitialStateRead\": \"true\""), "SUCCESS");

            assertThat(device.deviceObject().firmwareVersion()).isEqualTo(NEW_VERSION);
            assertThat(device.firmware().stateHistory())
                    .containsSubsequence(FirmwareState.DOWNLOADED, FirmwareState.IDLE, FirmwareState.DOWNLOADING);
            String instance = execution.getString("processInstanceKey");
            assertThat(visits(instance, "readCachedState")).isEqualTo(1);
            assertThat(visits(instance, "readInitialState")).isZero();
        }
    }

    /** How many times the flow entered an element, from the engine's element instances. */
    private static int visits(String processInstanceKey, String elementId) {
        return given().contentType(ContentType.JSON)
                .body("""
                {"filter": {"processInstanceKey": "%s", "elementId": "%s"}}""".formatted(processInstanceKey, elementId))
                .post("/v2/element-instances/search")
                .then()
                .statusCode(200)
                .extract()
                .path("page.totalItems");
    }

    @Test
    void calledAsAStepOfAnotherFlowItLeavesItsOutcomeAndTheExecutionToTheCaller() {
        String caller = Bpmn.convertToString(Bpmn.createExecutableProcess("fw-caller")
                .startEvent("start")
                .callActivity("update")
                .zeebeProcessId(BuiltInProcess.FIRMWARE_UPDATE)
                .zeebeInputExpression("false", "endsExecution")
                .serviceTask("record")
                .zeebeJobType(JobType.DM_EXECUTION_UPDATE)
                .zeebeInputExpression("\"WARNING\"", "status")
                .zeebeInputExpression("result", "result")
                .zeebeInputExpression("resultDetails", "details")
                .endEvent("end")
                .done());
        given().contentType(ContentType.XML)
                .body(caller)
                .put("/api/processes/{id}", "fw-caller")
                .then()
                .statusCode(anyOf(equalTo(200), equalTo(201)));
        String image = storeImage("fw-called-image");
        try (SimulatedFleet fleet = start(fleet(coap(), "fw-called"), "fw-called")) {
            String execution = TaskApi.executionOf(TaskApi.submit("""
                    {"process": "fw-caller", "target": {"device": "fw-called"},
                     "properties": {"resourceId": "%s", "statePollInterval": "PT1S"}}""".formatted(image)));

            JsonPath ended = ended(execution, "WARNING");

            assertThat(ended.getString("result")).isEqualTo("SUCCESS");
            assertThat(ended.getString("details")).contains("newFirmwareVersion=" + NEW_VERSION);
            assertThat(ended.getList("history.status", String.class)).doesNotContain("SUCCESS");
            assertThat(fleet.device().deviceObject().firmwareVersion()).isEqualTo(NEW_VERSION);
        }
    }

    /**
     * The device acts on Execute Update, but dmflow cannot record that it did (PostgreSQL refuses the write once, as
     * it would while failing over; a kill at that moment leaves the same state): the job is tried again and the
     * device, already updating or rebooted into the new firmware, refuses the second Execute with 4.05. That
     * refusal is no failure of the update: the flow reads the outcome, and the update ends SUCCESS, applied once.
     */
    @Test
    void anUpdateRefusedBecauseTheDeviceActedOnAnEarlierExecuteEndsSuccess() {
        String image = storeImage("fw-repeated-image");
        try (RefusedEffectRecord refused = RefusedEffectRecord.onceAt(sql, "executeUpdate");
                SimulatedFleet fleet = start(fleet(coap(), "fw-repeated"), "fw-repeated")) {
            SimulatedDevice device = fleet.device();
            JsonPath execution = ended(update("fw-repeated", image, ""), "SUCCESS");

            assertThat(refused.attempts()).as("records of Execute Update tried").isEqualTo(1);
            assertThat(device.firmware().refusedUpdates()).isEqualTo(1);
            assertThat(device.rebootCount()).isEqualTo(1);
            assertThat(device.deviceObject().firmwareVersion()).isEqualTo(NEW_VERSION);
            assertThat(execution.getString("details")).contains("newFirmwareVersion=" + NEW_VERSION, "updateResult=1");
        }
    }

    /**
     * A device still applying an earlier package refuses the reset of its state machine: the update ends ERROR, and
     * its details say which request the device refused and how, so that an operator need not search the log.
     */
    @Test
    void aStepTheDeviceRefusesEndsTheUpdateNamingTheRequestAndTheAnswer() {
        String image = storeImage("fw-busy-image");
        try (SimulatedFleet fleet = start(fleet(coap(), "fw-busy"), "fw-busy")) {
            SimulatedDevice device = fleet.device();
            // Busy for longer than the test: Update executed on an earlier package, outside any task.
            device.firmware().faults().updateDuration(Duration.ofMinutes(5));
            FirmwareDevices.leaveEarlierImage(server, device);
            server.operations().execute("fw-busy", "/5/0/2", null).join();

            JsonPath execution = ended(update("fw-busy", image, ""), "ERROR");

            assertThat(execution.getString("details"))
                    .startsWith("Device fw-busy answered Write /5/0/1 with METHOD_NOT_ALLOWED (4.05)")
                    .contains("oldFirmwareVersion=" + OLD_VERSION);
            assertThat(device.firmware().state()).isEqualTo(FirmwareState.UPDATING);
            assertThat(downloads(device.firmware())).isEqualTo(1);
        }
    }

    @Test
    void aFirmwareUpdateWithoutAnImageIsRefusedNamingTheProperty() {
        given().contentType(ContentType.JSON)
                .body("""
                {"type": "Lwm2mFirmwareUpdateTask", "target": {"device": "fw-push"}, "properties": {}}""")
                .post("/api/tasks")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("properties.resourceId"));
    }

    @Test
    void anHttpPullDownloadsFromTheGivenBaseUrl() {
        String image = storeImage("fw-pull-http-image");
        String base = "http://127.0.0.1:" + RestAssured.port;
        try (SimulatedFleet fleet = start(fleet(coap(), "fw-pull-http"), "fw-pull-http")) {
            SimulatedDevice device = fleet.device();
            ended(update("fw-pull-http", image, """
                    "transferMethod": "Pull", "protocol": "http", "baseUrl": "%s\"""".formatted(base)), "SUCCESS");

            assertThat(device.firmware().packageUri()).startsWith(base + "/packages/");
            assertThat(device.deviceObject().firmwareVersion()).isEqualTo(NEW_VERSION);
        }
    }

    @Test
    void aPullOverAProtocolTheDeviceDoesNotListEndsInErrorBeforeAnythingIsSent() {
        String image = storeImage("fw-pull-coaps-image");
        try (SimulatedFleet fleet = start(fleet(coap(), "fw-pull-coaps"), "fw-pull-coaps")) {
            SimulatedDevice device = fleet.device();
            // The simulated device downloads over coap, http and https: its Protocol Support (/5/0/8) lists no coaps.
            JsonPath execution = ended(
                    update(
                            "fw-pull-coaps",
                            image,
                            "\"transferMethod\": \"Pull\", \"protocol\": \"coaps\", \"checkDeliveryAndProtocol\": \"true\""),
                    "ERROR");

            assertThat(execution.getString("details"))
                    .contains("the device does not support pull over coaps")
                    .contains("oldFirmwareVersion=" + OLD_VERSION);
            assertThat(device.firmware().stateHistory()).doesNotContain(FirmwareState.DOWNLOADING);
            assertThat(device.firmware().packageUri()).isNullOrEmpty();
            assertThat(device.deviceObject().firmwareVersion()).isEqualTo(OLD_VERSION);
        }
    }
}
