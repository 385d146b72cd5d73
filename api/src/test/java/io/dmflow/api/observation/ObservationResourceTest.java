package io.dmflow.api.observation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET /api/devices/{endpoint}/observations: what the device was asked to notify, until it is cancelled. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ObservationResourceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    DeviceManagementServer server;

    private static void operate(String endpoint, String operation, String body) {
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/devices/{endpoint}/operations/{operation}", endpoint, operation)
                .then()
                .statusCode(200)
                .body("status", equalTo("SUCCESS"));
    }

    @Test
    void anObservationIsListedFromTheDevicesAcceptanceUntilItsCancellation() {
        String endpoint = "observed-" + UUID.randomUUID().toString().substring(0, 8);
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri().orElseThrow())
                .endpoint(endpoint)
                .build()
                .start()
                .awaitRegistered(TIMEOUT)) {
            // The client has its acknowledgement before dmflow has recorded the device: wait for the record.
            TaskApi.awaitDeviceState(endpoint, "online");
            given().get("/api/devices/{endpoint}/observations", endpoint)
                    .then()
                    .statusCode(200)
                    .body("$", empty());
            operate(endpoint, "observe", "{\"key\": \"/3/0/9\"}");
            given().get("/api/devices/{endpoint}/observations", endpoint)
                    .then()
                    .statusCode(200)
                    .body("path", hasItem("/3/0/9"));
            operate(endpoint, "cancel-observation", "{\"key\": \"/3/0/9\", \"cancelType\": \"immediate\"}");
            given().get("/api/devices/{endpoint}/observations", endpoint)
                    .then()
                    .statusCode(200)
                    .body("path", not(hasItem("/3/0/9")));
        }
    }

    @Test
    void anUnknownDeviceIsAProblem() {
        given().get("/api/devices/{endpoint}/observations", "never-registered")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Unknown device"));
    }
}
