package io.dmflow.api.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.security.DeviceCredentials;
import io.dmflow.testing.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Device credentials through the REST API, kept in PostgreSQL, enforced by the LwM2M server over DTLS. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class DeviceCredentialsApiTest {

    private static final Duration REGISTERED = Duration.ofSeconds(10);
    private static final byte[] KEY = "api-psk-secret-0".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEW_KEY = "api-psk-secret-1".getBytes(StandardCharsets.UTF_8);
    private static LogCapture logs;
    private static final List<String> answers = new ArrayList<>();

    @Inject
    DeviceManagementServer server;

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

    private static String put(String endpoint, String scope, Map<String, String> body, int status) {
        String answer = given().contentType("application/json")
                .body(body)
                .put("/api/devices/{endpoint}/credentials/{scope}", endpoint, scope)
                .then()
                .statusCode(status)
                .extract()
                .asString();
        answers.add(answer);
        return answer;
    }

    private SimulatedFleet.Builder device(String endpoint) {
        return SimulatedFleet.builder()
                .serverUri(server.coapsUri().orElseThrow())
                .endpoint(endpoint)
                .objects()
                .requestTimeout(Duration.ofSeconds(2))
                .registrationRetry(Duration.ofMillis(500));
    }

    @Test
    void pskCredentialsAddedChangedAndRemovedOverRestAreEnforcedAtOnceAndNeverShown() throws Exception {
        put("api-psk-0", "management", Map.of("mode", "psk", "identity", "id-api-psk-0", "key", hex(KEY)), 200);
        String listed = given().get("/api/devices/{endpoint}/credentials", "api-psk-0")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].mode", equalTo("psk"))
                .body("[0].identity", equalTo("id-api-psk-0"))
                .body("[0].scope", equalTo("management"))
                .extract()
                .asString();
        answers.add(listed);

        try (SimulatedFleet device = device("api-psk-0")
                        .credentials(ep -> DeviceCredentials.psk("id-api-psk-0", KEY))
                        .build();
                SimulatedFleet wrongKey = device("api-psk-1")
                        .credentials(ep -> DeviceCredentials.psk("id-api-psk-1", "wrong".getBytes()))
                        .build();
                SimulatedFleet othersIdentity = device("api-psk-2")
                        .credentials(ep -> DeviceCredentials.psk("id-api-psk-0", KEY))
                        .build();
                SimulatedFleet noSec = SimulatedFleet.builder()
                        .serverUri(server.coapUri().orElseThrow())
                        .endpoint("api-psk-3")
                        .objects()
                        .requestTimeout(Duration.ofSeconds(2))
                        .build()) {
            put("api-psk-1", "management", Map.of("mode", "psk", "identity", "id-api-psk-1", "key", hex(KEY)), 200);
            put("api-psk-3", "management", Map.of("mode", "psk", "identity", "id-api-psk-3", "key", hex(KEY)), 200);
            device.start();
            wrongKey.start();
            othersIdentity.start();
            noSec.start();

            assertThat(device.device().awaitRegistered(REGISTERED)).isTrue();
            for (SimulatedFleet refused : List.of(wrongKey, othersIdentity, noSec)) {
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> refused.device().failedRegistrationCount() >= 1);
                assertThat(server.registration(refused.device().endpoint()))
                        .as(refused.device().endpoint())
                        .isEmpty();
            }

            // A new key: the old session and registration end at once, the old key no longer gets in.
            put("api-psk-0", "management", Map.of("mode", "psk", "identity", "id-api-psk-0", "key", hex(NEW_KEY)), 200);
            await().atMost(Duration.ofSeconds(3))
                    .until(() -> server.registration("api-psk-0").isEmpty());
            // The device still believes itself registered: its update goes unanswered, it registers anew and the
            // old key is turned away.
            int refused = device.device().failedRegistrationCount();
            device.device().triggerRegistrationUpdate();
            await().atMost(Duration.ofSeconds(15)).until(() -> device.device().failedRegistrationCount() > refused);
            assertThat(server.registration("api-psk-0")).isEmpty();
        }
        try (SimulatedFleet renewed = device("api-psk-0")
                .credentials(ep -> DeviceCredentials.psk("id-api-psk-0", NEW_KEY))
                .build()) {
            assertThat(renewed.start().device().awaitRegistered(REGISTERED)).isTrue();

            given().delete("/api/devices/{endpoint}/credentials/management", "api-psk-0")
                    .then()
                    .statusCode(204);
            await().atMost(Duration.ofSeconds(3))
                    .until(() -> server.registration("api-psk-0").isEmpty());
        }
        given().get("/api/devices/{endpoint}/credentials/management", "api-psk-0")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        for (String line : answers) {
            for (byte[] secret : List.of(KEY, NEW_KEY)) {
                for (String form : Secrets.formsOf(secret)) {
                    assertThat(line).doesNotContain(form);
                }
            }
        }
        for (String line : logs.lines()) {
            for (byte[] secret : List.of(KEY, NEW_KEY)) {
                for (String form : Secrets.formsOf(secret)) {
                    assertThat(line).as("a log line").doesNotContain(form);
                }
            }
        }
        assertThat(logs.lines()).as("the capture works").isNotEmpty();
    }

    @Test
    void aDeviceRegistersWithItsPublicKeyGivenOverRest() throws Exception {
        KeyPair deviceKeys = TestKeys.ecP256();
        put(
                "api-rpk-0",
                "management",
                Map.of(
                        "mode",
                        "rpk",
                        "publicKey",
                        Base64.getEncoder()
                                .encodeToString(deviceKeys.getPublic().getEncoded())),
                200);
        try (SimulatedFleet device = device("api-rpk-0")
                        .credentials(ep -> DeviceCredentials.rawPublicKey(
                                deviceKeys, server.serverPublicKey().orElseThrow()))
                        .build();
                SimulatedFleet stranger = device("api-rpk-1")
                        .credentials(ep -> DeviceCredentials.rawPublicKey(
                                TestKeys.ecP256(), server.serverPublicKey().orElseThrow()))
                        .build()) {
            device.start();
            stranger.start();
            assertThat(device.device().awaitRegistered(REGISTERED)).isTrue();
            assertThat(stranger.device().awaitRegistered(Duration.ofSeconds(2))).isFalse();
            assertThat(server.registration("api-rpk-1")).isEmpty();
        }
    }

    @Test
    void badCredentialsAreRefusedWithWhatWasWrong() {
        given().contentType("application/json")
                .body(Map.of("mode", "psk", "identity", "x"))
                .put("/api/devices/bad-0/credentials/management")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("parameter", equalTo("key"));
        given().contentType("application/json")
                .body(Map.of("mode", "psk", "identity", "x", "key", "not-hex"))
                .put("/api/devices/bad-0/credentials/management")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("key"));
        given().contentType("application/json")
                .body(Map.of("mode", "magic"))
                .put("/api/devices/bad-0/credentials/management")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("mode"));
        given().contentType("application/json")
                .body(Map.of("mode", "rpk", "publicKey", "AAAA"))
                .put("/api/devices/bad-0/credentials/management")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("publicKey"));
        given().contentType("application/json")
                .body(Map.of("mode", "psk", "identity", "x", "key", "00"))
                .put("/api/devices/bad-0/credentials/elsewhere")
                .then()
                .statusCode(400)
                .body("parameter", equalTo("scope"));
        put("dup-0", "management", Map.of("mode", "psk", "identity", "id-dup", "key", "0102"), 200);
        given().contentType("application/json")
                .body(Map.of("mode", "psk", "identity", "id-dup", "key", "0304"))
                .put("/api/devices/dup-1/credentials/management")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("dup-0"));
    }
}
