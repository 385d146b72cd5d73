package io.dmflow.api.metrics;

import static io.dmflow.api.testing.TaskApi.awaitDeviceState;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code /q/metrics} in Prometheus text: a device that registers and answers a read shows as online, as a
 * registration and as a successful read with its latency.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class MetricsTest {

    private static final String DEVICE = "metrics-device";
    /** A sample line: name, labels, value. */
    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$", Pattern.MULTILINE);

    @Inject
    DeviceManagementServer server;

    @Test
    void aRegisteredDeviceAndItsReadAreCountedAndTimed() {
        String before = scrape();
        Map<String, String> readOk = Map.of("operation", "read", "outcome", "success");
        double registrations = sample(before, "dmflow_registrations_total", Map.of("event", "new"));
        double reads = sample(before, "dmflow_lwm2m_requests_seconds_count", readOk);
        double readSeconds = sample(before, "dmflow_lwm2m_requests_seconds_sum", readOk);
        double succeeded = sample(before, "dmflow_executions_ended_total", Map.of("status", "success"));

        try (SimulatedFleet device = SimulatedFleet.builder()
                .serverUri(server.coapUri().orElseThrow())
                .endpoint(DEVICE)
                .lifetime(Duration.ofSeconds(300))
                .build()
                .start()
                .awaitRegistered(TaskApi.TIMEOUT)) {
            awaitDeviceState(DEVICE, "online");
            given().contentType(ContentType.JSON)
                    .body("{\"key\": \"/3/0/0\"}")
                    .post("/api/devices/{endpoint}/operations/read", DEVICE)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("SUCCESS"));

            // The device gauges are cached for a few seconds: wait until they have caught up with the database.
            await().atMost(TaskApi.TIMEOUT).untilAsserted(() -> {
                int online = given().queryParam("state", "online")
                        .queryParam("size", 1)
                        .get("/api/devices")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("totalItems");
                String after = scrape();
                assertThat(sample(after, "dmflow_devices", Map.of("state", "online")))
                        .isEqualTo(online)
                        .isGreaterThanOrEqualTo(1);
                // Other tests' devices may still be about in this JVM: at least this test's, not exactly.
                assertThat(sample(after, "dmflow_registrations_total", Map.of("event", "new")))
                        .isGreaterThanOrEqualTo(registrations + 1);
                assertThat(sample(after, "dmflow_lwm2m_requests_seconds_count", readOk))
                        .isGreaterThanOrEqualTo(reads + 1);
                assertThat(sample(after, "dmflow_lwm2m_requests_seconds_sum", readOk))
                        .isGreaterThan(readSeconds);
                // The read ran as an execution of its own.
                assertThat(sample(after, "dmflow_executions_ended_total", Map.of("status", "success")))
                        .isGreaterThanOrEqualTo(succeeded + 1);
                assertThat(find(after, "dmflow_executions", Map.of("status", "waiting_for_device"))
                                .orElseThrow())
                        .isNotNaN()
                        .isGreaterThanOrEqualTo(0);
                // The embedded engine's commands, counted by Quarkus per URI template: the read's job was activated.
                assertThat(find(
                                after,
                                "http_server_requests_seconds_count",
                                Map.of("method", "POST", "uri", "/v2/jobs/activation", "status", "200")))
                        .isPresent();
                assertThat(find(
                                after,
                                "dmflow_security_refusals_total",
                                Map.of("server", "management", "reason", "wrong_psk_key")))
                        .isPresent();
                assertThat(after)
                        .contains(
                                "# TYPE dmflow_devices gauge",
                                "# TYPE dmflow_registrations_total counter",
                                "# TYPE dmflow_lwm2m_requests_seconds histogram");
                assertThat(sample(
                                after,
                                "dmflow_lwm2m_requests_seconds_bucket",
                                Map.of("operation", "read", "outcome", "success", "le", "+Inf")))
                        .isEqualTo(sample(after, "dmflow_lwm2m_requests_seconds_count", readOk));
            });
        }
    }

    private static String scrape() {
        return given().accept("text/plain")
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/plain"))
                .extract()
                .asString();
    }

    /** The value of the sample with this name whose labels include {@code labels}; 0 when there is none yet. */
    private static double sample(String text, String name, Map<String, String> labels) {
        return find(text, name, labels).orElse(0);
    }

    private static OptionalDouble find(String text, String name, Map<String, String> labels) {
        Matcher line = SAMPLE.matcher(text);
        while (line.find()) {
            String found = line.group(2) == null ? "" : line.group(2);
            if (line.group(1).equals(name)
                    && labels.entrySet().stream()
                            .allMatch(label -> found.contains(label.getKey() + "=\"" + label.getValue() + "\""))) {
                return OptionalDouble.of(Double.parseDouble(line.group(3)));
            }
        }
        return OptionalDouble.empty();
    }
}
