package io.dmflow.api.process;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dmflow.api.testing.JsonApi;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Duration;

/**
 * The REST calls the tests of a packaged dmflow make at its address, signed in as the test admin (RestAssured's
 * default authentication, set by {@code SignedInRestAssured}).
 */
public final class ProcessApi {

    private ProcessApi() {}

    public static RequestSpecification api(URI http) {
        return given().baseUri(http.toString());
    }

    /** Submits a task ({@code json} as {@code POST /api/tasks} takes it); answers its id. */
    public static String submit(URI http, String json) {
        return JsonApi.at(http).post("/api/tasks", json, 201).path("id").asText();
    }

    /** The execution of a task to one device. */
    public static String executionOf(URI http, String task) {
        JsonNode id = JsonApi.at(http)
                .get("/api/executions?task=" + JsonApi.encode(task))
                .path("items")
                .path(0)
                .path("id");
        return id.isTextual() ? id.asText() : null;
    }

    public static String status(URI http, String execution) {
        return JsonApi.at(http)
                .get("/api/executions/" + JsonApi.encode(execution))
                .path("status")
                .asText();
    }

    /** The device's state, null while the device is not known there. */
    public static String deviceState(URI http, String endpoint) {
        return JsonApi.at(http)
                .find("/api/devices/" + JsonApi.encode(endpoint))
                .map(device -> device.path("state").asText())
                .orElse(null);
    }

    public static void awaitDeviceState(URI http, String endpoint, String state, Duration timeout) {
        await().atMost(timeout).until(() -> state.equals(deviceState(http, endpoint)));
    }
}
