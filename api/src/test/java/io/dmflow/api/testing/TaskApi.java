package io.dmflow.api.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;

/** The REST calls task tests make, in one place. */
public final class TaskApi {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TaskApi() {}

    public static void saveTemplate(String name, String xml) {
        given().contentType(ContentType.XML)
                .body(xml)
                .put("/api/templates/{name}", name)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(anyOf(equalTo(200), equalTo(201)));
    }

    public static String submit(String json) {
        return given().contentType(ContentType.JSON)
                .body(json)
                .post("/api/tasks")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static String executionOf(String task) {
        return given().queryParam("task", task)
                .get("/api/executions")
                .then()
                .statusCode(200)
                .body("totalItems", equalTo(1))
                .extract()
                .path("items[0].id");
    }

    public static String status(String execution) {
        return given().get("/api/executions/{id}", execution)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    public static void awaitStatus(String execution, String status) {
        await().atMost(TIMEOUT)
                .untilAsserted(() -> given().get("/api/executions/{id}", execution)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo(status)));
    }

    public static List<String> history(String execution) {
        return given().get("/api/executions/{id}", execution).then().extract().path("history.status");
    }

    /** Registers a simulated device with the server at {@code coap} and lets it go: a device that has been seen. */
    public static void registerOnce(java.net.URI coap, String endpoint) {
        try (io.dmflow.simulator.fleet.SimulatedFleet fleet = io.dmflow.simulator.fleet.SimulatedFleet.builder()
                .serverUri(coap)
                .endpoint(endpoint)
                .lifetime(Duration.ofSeconds(300))
                .build()
                .start()
                .awaitRegistered(TIMEOUT)) {
            awaitDeviceState(endpoint, "online");
        }
    }

    public static void awaitDeviceState(String endpoint, String state) {
        await().atMost(TIMEOUT)
                .untilAsserted(() -> given().get("/api/devices/{endpoint}", endpoint)
                        .then()
                        .statusCode(200)
                        .body("state", equalTo(state)));
    }

    /** Waits up to {@code timeout} for the execution to end, asserts that it ended with {@code status}; answers it. */
    public static JsonPath ended(String execution, String status, Duration timeout) {
        try {
            await().atMost(timeout)
                    .until(() ->
                            List.of("SUCCESS", "WARNING", "ERROR", "CANCELLED").contains(status(execution)));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "execution " + execution + " did not end: "
                            + given().get("/api/executions/{id}", execution).asString() + "; incidents: "
                            + given().contentType(ContentType.JSON)
                                    .body("{}")
                                    .post("/v2/incidents/search")
                                    .asString(),
                    e);
        }
        JsonPath view = given().get("/api/executions/{id}", execution)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        if (!view.getString("status").equals(status)) {
            throw new AssertionError("execution " + execution + " ended " + view.getString("status") + ", not " + status
                    + ": " + view.getString("details"));
        }
        return view;
    }
}
