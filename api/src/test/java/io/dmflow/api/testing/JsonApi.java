package io.dmflow.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * dmflow's REST API as the tests that poll it need it: the JDK's HTTP client on one kept-alive connection, answers
 * read with Jackson, signed in as {@link TestAdmin}. RestAssured, which the other calls use, costs a few milliseconds
 * of CPU per call (a new HTTP client, resource look-ups in Quarkus' class loader, a Groovy script compiled for every
 * JSON path); a test that polls hundreds of executions spent more processor time in RestAssured than dmflow spent
 * running them, which is what the latency figures of the fleet tests then measured.
 */
public final class JsonApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final String AUTHORIZATION = "Basic "
            + Base64.getEncoder()
                    .encodeToString((TestAdmin.USER + ":" + TestAdmin.PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;

    private JsonApi(URI base) {
        this.base = base;
    }

    /** The application of the running {@code @QuarkusTest}, at the port Quarkus gave RestAssured. */
    public static JsonApi local() {
        return new JsonApi(URI.create(RestAssured.baseURI + ":" + RestAssured.port));
    }

    /** A dmflow at {@code http}, such as a packaged one a test started. */
    public static JsonApi at(URI http) {
        return new JsonApi(http);
    }

    /** {@code GET path}; the answer must be 200. */
    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), 200);
    }

    /** {@code GET path}, for what may not exist (yet): empty when the answer is 404, otherwise it must be 200. */
    public Optional<JsonNode> find(String path) {
        HttpResponse<String> response =
                exchange(request(HttpRequest.newBuilder(uri(path)).GET()));
        return response.statusCode() == 404 ? Optional.empty() : Optional.of(read(response, 200));
    }

    /** {@code POST path} with a JSON body; the answer must be {@code expectedStatus}. */
    public JsonNode post(String path, String json, int expectedStatus) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                expectedStatus);
    }

    /** A path segment or query value, encoded. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private URI uri(String path) {
        return base.resolve(path);
    }

    private static JsonNode send(HttpRequest.Builder request, int expectedStatus) {
        return read(exchange(request(request)), expectedStatus);
    }

    private static HttpRequest request(HttpRequest.Builder request) {
        return request.header("Authorization", AUTHORIZATION)
                .header("Accept", "application/json")
                .timeout(REQUEST_TIMEOUT)
                .build();
    }

    private static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(request.method() + " " + request.uri() + " was interrupted", e);
        }
    }

    private static JsonNode read(HttpResponse<String> response, int expectedStatus) {
        HttpRequest request = response.request();
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(request.method() + " " + request.uri() + " answered " + response.statusCode()
                    + ", not " + expectedStatus + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(
                    request.method() + " " + request.uri() + " answered no JSON: " + response.body(), e);
        }
    }
}
