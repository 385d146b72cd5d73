package io.dmflow.api.bootstrap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.dmflow.api.security.LogCapture;
import io.dmflow.api.security.Secrets;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.bootstrap.BootstrapServer;
import io.dmflow.lwm2m.security.ClientCredentials;
import io.dmflow.lwm2m.security.DeviceSecurityStore;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.lwm2m.server.ServerSettings;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.security.DeviceCredentials;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Named servers and bootstrap configurations through the REST API: a device that knows only dmflow's bootstrap server
 * (over DTLS PSK) is given dmflow's management server with a PSK, registers over DTLS, and is moved to a second
 * server by re-bootstrap. No answer and no log line carries a key.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class BootstrapApiTest {

    private static final Duration REGISTERED = Duration.ofSeconds(15);
    private static final byte[] BOOTSTRAP_KEY = "bs-secret-for-api".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MANAGEMENT_KEY = "dm-secret-for-api".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SECOND_KEY = "second-secret-api".getBytes(StandardCharsets.UTF_8);
    private static LogCapture logs;
    private static final List<String> answers = new ArrayList<>();

    @Inject
    DeviceManagementServer server;

    @Inject
    BootstrapServer bootstrapServer;

    @BeforeAll
    static void captureLogs() {
        logs = LogCapture.install();
    }

    @AfterAll
    static void stopCapturing() {
        logs.close();
    }

    private static String hex(byte[] key) {
        return HexFormat.of().formatHex(key);
    }

    private static String putJson(String path, Object body, int status, Object... pathParams) {
        String answer = given().contentType("application/json")
                .body(body)
                .put(path, pathParams)
                .then()
                .statusCode(status)
                .extract()
                .asString();
        answers.add(answer);
        return answer;
    }

    private static Map<String, Object> psk(String identity, byte[] key) {
        return Map.of("mode", "psk", "identity", identity, "key", hex(key));
    }

    @Test
    void aDeviceWithOnlyTheBootstrapUriGetsDmflowsServerOverDtlsPskAndReBootstrapMovesItToASecondServer()
            throws Exception {
        DeviceSecurityStore secondSecurity = DeviceSecurityStore.inMemory();
        try (DeviceManagementServer second = DeviceManagementServer.builder(ServerSettings.loopback())
                .securityStore(secondSecurity)
                .build()) {
            second.start();
            putJson(
                    "/api/servers/{name}",
                    Map.of(
                            "uri",
                            server.coapsUri().orElseThrow().toString(),
                            "shortServerId",
                            1,
                            "securityMode",
                            "psk",
                            "lifetimeSeconds",
                            600),
                    200,
                    "dm-local");
            // An external server: dmflow does not provision its credentials, its operator does.
            putJson(
                    "/api/servers/{name}",
                    Map.of(
                            "uri",
                            second.coapsUri().orElseThrow().toString(),
                            "shortServerId",
                            2,
                            "securityMode",
                            "psk",
                            "provisionCredentials",
                            false),
                    200,
                    "dm-second");
            given().get("/api/servers")
                    .then()
                    .statusCode(200)
                    .body("name", hasItem("dm-local"))
                    .body("find { it.name == 'dm-second' }.provisionCredentials", equalTo(false));

            putJson(
                    "/api/devices/{endpoint}/credentials/bootstrap",
                    psk("bs-id-api-0", BOOTSTRAP_KEY),
                    200,
                    "api-bs-0");
            String configured = putJson(
                    "/api/devices/{endpoint}/bootstrap",
                    Map.of(
                            "servers",
                            List.of(Map.of("server", "dm-local", "credentials", psk("dm-id-api-0", MANAGEMENT_KEY)))),
                    200,
                    "api-bs-0");
            assertThat(configured).contains("dm-id-api-0");

            try (SimulatedFleet fleet = SimulatedFleet.builder()
                    .bootstrapServerUri(bootstrapServer.coapsUri().orElseThrow().toString())
                    .endpoint("api-bs-0")
                    .objects()
                    .requestTimeout(Duration.ofSeconds(3))
                    .registrationRetry(Duration.ofSeconds(1))
                    .credentials(ep -> DeviceCredentials.psk("bs-id-api-0", BOOTSTRAP_KEY))
                    .build()) {
                SimulatedDevice device = fleet.start().device();
                assertThat(device.awaitRegistered(REGISTERED)).isTrue();

                assertThat(server.securityIdentity("api-bs-0")).contains("dm-id-api-0");
                assertThat(server.registration("api-bs-0").orElseThrow().lifetimeSeconds())
                        .isEqualTo(600);
                answers.add(given().get("/api/devices/{endpoint}/bootstrap", "api-bs-0")
                        .then()
                        .statusCode(200)
                        .body("lastSession.finished", equalTo(true))
                        .body("lastSession.servers", hasItem("dm-local"))
                        .extract()
                        .asString());
                answers.add(given().get("/api/devices/{endpoint}/credentials", "api-bs-0")
                        .then()
                        .statusCode(200)
                        .body("scope", hasItem("management"))
                        .body("scope", hasItem("bootstrap"))
                        .extract()
                        .asString());

                // Re-bootstrap to the second server.
                secondSecurity.put("api-bs-0", ClientCredentials.psk("dm-id-api-0-second", SECOND_KEY));
                putJson(
                        "/api/devices/{endpoint}/bootstrap",
                        Map.of(
                                "servers",
                                List.of(Map.of(
                                        "server", "dm-second", "credentials", psk("dm-id-api-0-second", SECOND_KEY)))),
                        200,
                        "api-bs-0");
                answers.add(given().post("/api/devices/{endpoint}/bootstrap/trigger", "api-bs-0")
                        .then()
                        .statusCode(202)
                        .extract()
                        .asString());

                await().atMost(REGISTERED)
                        .until(() -> second.registration("api-bs-0").isPresent());
                assertThat(device.awaitRegistered(REGISTERED)).isTrue();
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> server.registration("api-bs-0").isEmpty());
                given().get("/api/devices/{endpoint}/bootstrap", "api-bs-0")
                        .then()
                        .statusCode(200)
                        .body("lastSession.servers", hasItem("dm-second"));
            }
        }

        for (String text : concat(answers, logs.lines())) {
            for (byte[] secret : List.of(BOOTSTRAP_KEY, MANAGEMENT_KEY, SECOND_KEY)) {
                for (String form : Secrets.formsOf(secret)) {
                    assertThat(text).doesNotContain(form);
                }
            }
        }
        assertThat(logs.lines()).anyMatch(line -> line.contains("Bootstrapped api-bs-0"));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void mistakesInServersAndConfigurationsAreRefusedWithWhatWasWrong() {
        given().contentType("application/json")
                .body(Map.of("uri", "http://x", "shortServerId", 5, "securityMode", "nosec"))
                .put("/api/servers/bad")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("parameter", equalTo("uri"));
        given().contentType("application/json")
                .body(Map.of("uri", "coap://x:5683", "shortServerId", 0, "securityMode", "nosec"))
                .put("/api/servers/bad")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("shortServerId"));
        given().contentType("application/json")
                .body(Map.of("uri", "coap://x:5683", "shortServerId", 5, "securityMode", "psk"))
                .put("/api/servers/bad")
                .then()
                .statusCode(400)
                .body("detail", containsString("coaps://"))
                .body("parameter", equalTo("uri"));
        given().contentType("application/json")
                .body(Map.of("uri", "coap://x:5683", "shortServerId", 5, "securityMode", "nosec", "lifetimeSeconds", 0))
                .put("/api/servers/bad")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("lifetimeSeconds"));
        given().contentType("application/json")
                .body(Map.of("uri", "coap://x:5683", "shortServerId", 5, "securityMode", "nosec", "binding", "X"))
                .put("/api/servers/bad")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("binding"))
                .body("detail", containsString("UQ"));
        given().contentType("application/json")
                .body(Map.of("uri", 5683, "shortServerId", 5, "securityMode", "nosec"))
                .put("/api/servers/bad")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("parameter", equalTo("uri"))
                .body("detail", equalTo("uri must be a string"));
        given().contentType("application/json")
                .body(Map.of("uri", "coap://x:5683", "shortServerId", "five", "securityMode", "nosec"))
                .put("/api/servers/bad")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("shortServerId"))
                .body("detail", equalTo("shortServerId must be a number"));
        given().contentType("application/json")
                .body(Map.of("uri", "coap://x:5683", "shortServerId", 5, "securityMode", "nosec", "lifetime", 60))
                .put("/api/servers/bad")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("lifetime"))
                .body("detail", containsString("lifetimeSeconds"));
        given().contentType("application/json")
                .body("{\"uri\": \"coap://x:5683\",\n \"shortServerId\": }")
                .put("/api/servers/bad")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("body"))
                .body("detail", containsString("line 2"));
        given().get("/api/servers/bad").then().statusCode(404);
        putJson(
                "/api/servers/{name}",
                Map.of("uri", "coaps://dm.example.com:5684", "shortServerId", 7, "securityMode", "psk"),
                200,
                "dm-example");

        given().contentType("application/json")
                .body(Map.of("servers", List.of(Map.of("server", "nowhere"))))
                .put("/api/devices/cfg-0/bootstrap")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("servers[0].server"))
                .body("detail", containsString("nowhere"));
        given().contentType("application/json")
                .body(Map.of("servers", List.of(Map.of("server", "dm-example"))))
                .put("/api/devices/cfg-0/bootstrap")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("servers[0].credentials"))
                .body("detail", containsString("PSK"));
        putJson(
                "/api/devices/{endpoint}/bootstrap",
                Map.of(
                        "servers",
                        List.of(Map.of("server", "dm-example", "credentials", psk("cfg-id", "k".getBytes())))),
                200,
                "cfg-0");
        given().delete("/api/servers/dm-example").then().statusCode(409).body("detail", containsString("cfg-0"));
        given().post("/api/devices/cfg-0/bootstrap/trigger")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        given().delete("/api/devices/cfg-0/bootstrap").then().statusCode(204);
        given().delete("/api/servers/dm-example").then().statusCode(204);
        given().get("/api/servers/dm-example").then().statusCode(404).contentType("application/problem+json");
    }
}
