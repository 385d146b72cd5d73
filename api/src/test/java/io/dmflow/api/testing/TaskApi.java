package io.dmflow.api.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;

/** The REST calls task tests make, in one place. */
public final class TaskApi {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> FINAL = List.of("SUCCESS", "WARNING", "ERROR", "CANCELLED");

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
        return JsonApi.local().post("/api/tasks", json, 201).path("id").asText();
    }

    public static String executionOf(String task) {
        JsonNode executions = JsonApi.local().get("/api/executions?task=" + JsonApi.encode(task));
        if (executions.path("totalItems").asLong() != 1) {
            throw new AssertionError("task " + task + " has not one execution: " + executions);
        }
        return executions.path("items").path(0).path("id").asText();
    }

    /** The execution as {@code GET /api/executions/{id}} answers it. */
    public static JsonNode execution(String execution) {
        return JsonApi.local().get("/api/executions/" + JsonApi.encode(execution));
    }

    public static String status(String execution) {
        return execution(execution).path("status").asText();
    }

    public static void awaitStatus(String execution, String status) {
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(status(execution))
                        .as("status of execution %s", execution)
                        .isEqualTo(status));
    }

    public static List<String> history(String execution) {
        List<String> statuses = new ArrayList<>();
        execution(execution)
                .path("history")
                .forEach(entry -> statuses.add(entry.path("status").asText()));
        return statuses;
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
                .untilAsserted(() -> assertThat(JsonApi.local()
                                .get("/api/devices/" + JsonApi.encode(endpoint))
                                .path("state")
                                .asText())
                        .as("state of device %s", endpoint)
                        .isEqualTo(state));
    }

    /** Waits up to {@code timeout} for the execution to end, asserts that it ended with {@code status}; answers it. */
    public static JsonPath ended(String execution, String status, Duration timeout) {
        return JsonPath.from(awaitEnd(execution, status, timeout).toString());
    }

    /** {@link #ended}, the execution read with Jackson: for tests that wait for many executions. */
    public static JsonNode awaitEnd(String execution, String status, Duration timeout) {
        JsonNode[] view = {null};
        try {
            await().atMost(timeout).until(() -> {
                view[0] = execution(execution);
                return FINAL.contains(view[0].path("status").asText());
            });
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
        String ended = view[0].path("status").asText();
        if (!ended.equals(status)) {
            throw new AssertionError("execution " + execution + " ended " + ended + ", not " + status + ": "
                    + view[0].path("details").asText());
        }
        return view[0];
    }
}
