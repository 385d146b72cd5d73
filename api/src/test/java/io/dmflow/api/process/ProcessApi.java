package io.dmflow.api.process;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
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
        return api(http)
                .contentType(ContentType.JSON)
                .body(json)
                .post("/api/tasks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** The execution of a task to one device. */
    public static String executionOf(URI http, String task) {
        return api(http)
                .queryParam("task", task)
                .get("/api/executions")
                .then()
                .statusCode(200)
                .extract()
                .path("items[0].id");
    }

    public static String status(URI http, String execution) {
        return api(http)
                .get("/api/executions/{id}", execution)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    public static String deviceState(URI http, String endpoint) {
        return api(http)
                .get("/api/devices/{endpoint}", endpoint)
                .then()
                .extract()
                .path("state");
    }

    public static void awaitDeviceState(URI http, String endpoint, String state, Duration timeout) {
        await().atMost(timeout).until(() -> state.equals(deviceState(http, endpoint)));
    }
}
