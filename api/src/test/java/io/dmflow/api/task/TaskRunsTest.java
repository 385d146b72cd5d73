package io.dmflow.api.task;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A task runs again on its device only once its previous run there has ended, and only while it is active. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class TaskRunsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    DeviceManagementServer server;

    @Test
    void aRunIsRefusedWhileThePreviousOneIsOpenAndAfterCancellation() {
        given().contentType(ContentType.XML)
                .body("<config><get key=\"/3/0/0\" output=\"m\"/></config>")
                .put("/api/templates/{name}", "runs-read")
                .then()
                .statusCode(201);
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri().orElseThrow())
                .endpoint("runs-1")
                .build()
                .start()) {
            assertThat(fleet.awaitRegisteredCount(1, TIMEOUT)).isTrue();
        }
        // the device has left: its execution stays open, waiting for it
        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        given().get("/api/devices/{endpoint}", "runs-1").then().body("state", equalTo("offline")));
        String task = given().contentType(ContentType.JSON)
                .body("""
                {"template": "runs-read", "target": {"device": "runs-1"}}""")
                .post("/api/tasks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        given().post("/api/tasks/{id}/runs", task)
                .then()
                .statusCode(409)
                .body(
                        "detail",
                        equalTo("Task " + task
                                + " has not ended yet on [runs-1]; a device runs a task once at a time"));
        given().delete("/api/tasks/{id}", task).then().statusCode(200);
        given().post("/api/tasks/{id}/runs", task).then().statusCode(409).body("title", equalTo("Task not active"));
        List<String> executions = given().queryParam("task", task)
                .get("/api/executions")
                .then()
                .statusCode(200)
                .extract()
                .path("items.status");
        assertThat(executions).containsExactly("CANCELLED");
        given().post("/api/tasks/{id}/runs", "no-such-task").then().statusCode(404);
    }
}
