package io.dmflow.api.operation;

import static io.dmflow.api.testing.TaskApi.awaitDeviceState;
import static io.dmflow.api.testing.TaskApi.awaitStatus;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code /api/devices/{endpoint}/operations/*}: one operation, run as a small task, answered in the same call. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class DeviceOperationsTest {

    private static final String DEVICE = "op-device";

    @Inject
    DeviceManagementServer server;

    private static SimulatedFleet fleet;

    private SimulatedFleet device() {
        if (fleet == null) {
            fleet = start(DEVICE);
            awaitDeviceState(DEVICE, "online");
        }
        return fleet;
    }

    private SimulatedFleet start(String endpoint) {
        URI coap = server.coapUri().orElseThrow();
        return SimulatedFleet.builder()
                .serverUri(coap)
                .endpoint(endpoint)
                .lifetime(Duration.ofSeconds(300))
                .build()
                .start()
                .awaitRegistered(TaskApi.TIMEOUT);
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    private static ValidatableResponse operate(String endpoint, String operation, String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/devices/{endpoint}/operations/{operation}", endpoint, operation)
                .then()
                .log()
                .ifValidationFails();
    }

    @Test
    void aReadAnswersTheValueAndLeavesAnExecutionWithItsLog() {
        device();
        String execution = operate(DEVICE, "read", "{\"key\": \"/3/0/0\"}")
                .statusCode(200)
                .body("status", equalTo("SUCCESS"))
                .body("result", equalTo("dmflow"))
                .body("processId", equalTo("dm-device-operation"))
                .extract()
                .path("id");

        String task = given().get("/api/executions/{id}", execution)
                .then()
                .statusCode(200)
                .body("history.status", org.hamcrest.Matchers.hasItems("QUEUED", "IN_PROGRESS", "SUCCESS"))
                .extract()
                .path("taskId");
        given().get("/api/devices/{endpoint}/executions", DEVICE)
                .then()
                .statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(execution));
        given().get("/api/tasks/{id}", task)
                .then()
                .statusCode(200)
                .body("operation", equalTo("read"))
                .body("name", equalTo("read /3/0/0"))
                .body("target.device", equalTo(DEVICE));
    }

    @Test
    void aWriteReachesTheDeviceOnceAndReadsBack() {
        SimulatedFleet device = device();
        operate(DEVICE, "write", "{\"key\": \"/3/0/15\", \"value\": \"Asia/Seoul\"}")
                .statusCode(200)
                .body("status", equalTo("SUCCESS"));
        assertThat(device.device().deviceObject().operationJournal()).containsOnlyOnce("write 15 Asia/Seoul");
        operate(DEVICE, "read", "{\"key\": \"Device.0.Timezone\"}")
                .statusCode(200)
                .body("result", equalTo("Asia/Seoul"));
    }

    @Test
    void executeDiscoverObserveAndAttributesRunOnTheDevice() {
        SimulatedFleet device = device();
        operate(DEVICE, "execute", "{\"key\": \"/3/0/12\"}").statusCode(200).body("status", equalTo("SUCCESS"));
        assertThat(device.device().deviceObject().operationJournal()).contains("execute 12");

        operate(DEVICE, "discover", "{\"key\": \"/3\"}")
                .statusCode(200)
                .body("status", equalTo("SUCCESS"))
                .body("result", containsString("</3/0/0>"));
        operate(DEVICE, "write-attributes", "{\"key\": \"/3/0/9\", \"pmin\": 5, \"pmax\": \"60\"}")
                .statusCode(200)
                .body("status", equalTo("SUCCESS"));
        operate(DEVICE, "observe", "{\"key\": \"/3/0/9\"}").statusCode(200).body("status", equalTo("SUCCESS"));
        operate(DEVICE, "cancel-observation", "{\"key\": \"/3/0/9\", \"cancelType\": \"immediate\"}")
                .statusCode(200)
                .body("status", equalTo("SUCCESS"));
    }

    @Test
    void aDeviceErrorOrAKeyTheDeviceLacksEndsTheOperationInErrorAtOnce() {
        device();
        operate(DEVICE, "read", "{\"key\": \"/3/0/5\"}")
                .statusCode(200)
                .body("status", equalTo("ERROR"))
                .body("details", startsWith("device answered"));
        // A name the device's objects do not have: no retry can mend it, so the caller gets the reason, not an
        // incident.
        String refused = operate(DEVICE, "read", "{\"key\": \"Device.0.No Such Resource\"}")
                .statusCode(200)
                .body("status", equalTo("ERROR"))
                .body("details", containsString("No Such Resource"))
                .extract()
                .path("id");
        given().get("/api/executions/{id}", refused).then().body("status", equalTo("ERROR"));
    }

    @Test
    void anOperationOnAnOfflineDeviceIsAcceptedAndRunsWhenItComesBack() {
        try (SimulatedFleet first = start("op-offline")) {
            awaitDeviceState("op-offline", "online");
        }
        awaitDeviceState("op-offline", "offline");
        String location = operate("op-offline", "write", "{\"key\": \"/3/0/15\", \"value\": \"Africa/Accra\"}")
                .statusCode(202)
                .body("status", equalTo("QUEUED"))
                .extract()
                .header("Location");
        given().queryParam("timeout", "0")
                .contentType(ContentType.JSON)
                .body("{\"key\": \"/3/0/0\"}")
                .post("/api/devices/op-offline/operations/read")
                .then()
                .statusCode(202);

        try (SimulatedFleet back = start("op-offline")) {
            String execution = location.substring(location.lastIndexOf('/') + 1);
            awaitStatus(execution, "SUCCESS");
            assertThat(back.device().deviceObject().operationJournal()).containsExactly("write 15 Africa/Accra");
        }
    }

    @Test
    void badOperationsAreRefusedWithWhatAndWhere() {
        device();
        given().contentType(ContentType.JSON)
                .body("{\"key\": \"/3/0/0\"}")
                .post("/api/devices/{endpoint}/operations/reboot", DEVICE)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("write-attributes"));
        operate("no-such-device", "read", "{\"key\": \"/3/0/0\"}")
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("no-such-device"));
        for (List<String> bad : List.of(
                List.of("read", "{}", "key"),
                List.of("read", "{\"key\": \"/3/0/0\", \"value\": \"x\"}", "value"),
                List.of("write", "{\"key\": \"/3/0/15\"}", "value"),
                List.of("write", "{\"key\": \"/3/0/15\", \"value\": {\"a\": 1}}", "value"),
                List.of("write", "{\"key\": \"/3/0/15\", \"value\": \"x\", \"mode\": \"merge\"}", "mode"),
                List.of("write-attributes", "{\"key\": \"/3/0/9\", \"pmin\": \"soon\"}", "pmin"),
                List.of("write-attributes", "{\"key\": \"/3/0/9\"}", "body"),
                List.of("cancel-observation", "{\"key\": \"/3/0/9\", \"cancelType\": \"never\"}", "cancelType"),
                List.of("read", "{\"key\": \"/3/0/0\", \"priority\": -1}", "priority"),
                List.of("read", "{\"key\": ", "body"))) {
            operate(DEVICE, bad.get(0), bad.get(1))
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("parameter", equalTo(bad.get(2)));
        }
        given().queryParam("timeout", "soon")
                .contentType(ContentType.JSON)
                .body("{\"key\": \"/3/0/0\"}")
                .post("/api/devices/{endpoint}/operations/read", DEVICE)
                .then()
                .statusCode(400)
                .body("parameter", equalTo("timeout"));
        long refusedTasks = given().queryParam("device", DEVICE)
                .queryParam("size", 1)
                .get("/api/tasks")
                .then()
                .extract()
                .jsonPath()
                .getLong("totalItems");
        operate(DEVICE, "read", "{}").statusCode(400);
        given().queryParam("device", DEVICE)
                .queryParam("size", 1)
                .get("/api/tasks")
                .then()
                .body("totalItems", equalTo((int) refusedTasks));
    }
}
