package io.dmflow.api.process;

import static io.dmflow.api.process.EmbeddedDatabaseLifecycleIT.awaitReady;
import static io.dmflow.api.process.ProcessApi.api;
import static io.dmflow.api.process.ProcessApi.deviceState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.security.DeviceCredentials;
import io.restassured.http.ContentType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged application restarted under a NoSec and a PSK device. After a graceful stop (SIGTERM) a read of each
 * device succeeds as soon as dmflow is up, with no device registering again and no new DTLS handshake: the
 * registrations are in PostgreSQL and the DTLS connections were kept, sealed, beside the data folder. After a crash
 * (SIGKILL) both devices are still shown registered, and each is reached as soon as it next sends an update: the
 * NoSec device's update is answered as usual, the PSK device makes a new handshake first (its session died with the
 * process).
 */
class RestartKeepsDevicesIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DEVICE_REQUEST_TIMEOUT = Duration.ofSeconds(3);
    private static final String NOSEC = "restart-nosec";
    private static final String PSK = "restart-psk";
    private static final byte[] KEY = "restart-it-psk-0".getBytes(StandardCharsets.UTF_8);

    @Test
    void devicesAreReachedAtOnceAfterAGracefulRestartAndAtTheirNextUpdateAfterACrash() throws Exception {
        Path dataDirectory = Files.createTempDirectory("dmflow-it-restart");
        Path keptConnections = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".dtls-connections");
        int coap = DmflowProcess.freeUdpPort();
        int coaps = DmflowProcess.freeUdpPort();
        // Devices keep the server's address across restarts, so both ports are fixed.
        Map<String, String> properties = Map.of(
                "dmflow.database.embedded.data-dir", dataDirectory.toString(),
                "dmflow.lwm2m.coap.port", String.valueOf(coap),
                "dmflow.lwm2m.coaps.port", String.valueOf(coaps),
                "dmflow.lwm2m.expiration-check-interval", "1s");

        try (SimulatedFleet plain = fleet("coap://127.0.0.1:" + coap, NOSEC, null);
                SimulatedFleet secured =
                        fleet("coaps://127.0.0.1:" + coaps, PSK, DeviceCredentials.psk("id-" + PSK, KEY))) {
            SimulatedDevice noSec;
            SimulatedDevice psk;
            try (DmflowProcess dmflow = DmflowProcess.start(properties, Map.of())) {
                URI http = dmflow.awaitHttp(TIMEOUT);
                awaitReady(http);
                api(http)
                        .contentType(ContentType.JSON)
                        .body(Map.of(
                                "mode",
                                "psk",
                                "identity",
                                "id-" + PSK,
                                "key",
                                HexFormat.of().formatHex(KEY)))
                        .put("/api/devices/{endpoint}/credentials/management", PSK)
                        .then()
                        .statusCode(200);
                noSec = plain.start().awaitRegistered(TIMEOUT).device();
                psk = secured.start().awaitRegistered(TIMEOUT).device();
                awaitState(http, NOSEC, "online");
                awaitState(http, PSK, "online");
                dmflow.terminate(Duration.ofSeconds(30));
            }
            assertThat(keptConnections)
                    .as("DTLS connections kept at the graceful stop")
                    .exists();
            assertThat(Files.readString(keptConnections, StandardCharsets.ISO_8859_1))
                    .as("sealed: the PSK identity does not show")
                    .doesNotContain("id-" + PSK);
            int noSecRegistrations = noSec.registrationCount();
            int pskRegistrations = psk.registrationCount();
            int handshakes = psk.handshakeCount();

            try (DmflowProcess dmflow = DmflowProcess.start(properties, Map.of())) {
                URI http = dmflow.awaitHttp(TIMEOUT);
                awaitReady(http);
                long up = System.nanoTime();
                assertThat(deviceState(http, NOSEC)).isEqualTo("online");
                assertThat(deviceState(http, PSK)).isEqualTo("online");
                read(http, NOSEC, dmflow);
                long noSecMillis = millisSince(up);
                read(http, PSK, dmflow);
                long pskMillis = millisSince(up);
                System.out.printf(
                        "after a graceful restart, read from ready: NoSec %d ms, PSK %d ms%n", noSecMillis, pskMillis);
                assertThat(noSec.registrationCount())
                        .as("NoSec registered again")
                        .isEqualTo(noSecRegistrations);
                assertThat(psk.registrationCount()).as("PSK registered again").isEqualTo(pskRegistrations);
                assertThat(psk.handshakeCount()).as("new DTLS handshakes").isEqualTo(handshakes);
                assertThat(keptConnections).as("used once").doesNotExist();

                dmflow.handle().destroyForcibly();
                dmflow.handle().onExit().get();
            }
            assertThat(keptConnections).as("a crash keeps no connections").doesNotExist();

            try (DmflowProcess dmflow = DmflowProcess.start(properties, Map.of())) {
                URI http = dmflow.awaitHttp(TIMEOUT);
                awaitReady(http);
                assertThat(deviceState(http, NOSEC))
                        .as("registration kept through the crash")
                        .isEqualTo("online");
                assertThat(deviceState(http, PSK))
                        .as("registration kept through the crash")
                        .isEqualTo("online");

                int noSecUpdates = noSec.updateCount();
                long updateSent = System.nanoTime();
                noSec.triggerRegistrationUpdate();
                await().atMost(TIMEOUT).until(() -> noSec.updateCount() > noSecUpdates);
                read(http, NOSEC, dmflow);
                long noSecMillis = millisSince(updateSent);
                assertThat(noSec.registrationCount())
                        .as("the NoSec device's update is answered: it does not register again")
                        .isEqualTo(noSecRegistrations);

                int pskUpdates = psk.updateCount();
                int pskRegistered = psk.registrationCount();
                updateSent = System.nanoTime();
                psk.triggerRegistrationUpdate();
                await().atMost(TIMEOUT)
                        .until(() -> psk.updateCount() > pskUpdates || psk.registrationCount() > pskRegistered);
                read(http, PSK, dmflow);
                long pskMillis = millisSince(updateSent);
                assertThat(psk.handshakeCount())
                        .as("a new handshake after the crash")
                        .isGreaterThan(handshakes);
                System.out.printf(
                        "after a crash, read from the device's next update: NoSec %d ms, PSK %d ms "
                                + "(device request timeout %d s)%n",
                        noSecMillis, pskMillis, DEVICE_REQUEST_TIMEOUT.toSeconds());
                dmflow.terminate(Duration.ofSeconds(30));
            }
        }
    }

    private static SimulatedFleet fleet(String serverUri, String endpoint, DeviceCredentials credentials) {
        SimulatedFleet.Builder builder = SimulatedFleet.builder()
                .serverUri(serverUri)
                .endpoint(endpoint)
                .lifetime(Duration.ofSeconds(300))
                .requestTimeout(DEVICE_REQUEST_TIMEOUT)
                .registrationRetry(Duration.ofMillis(500));
        if (credentials != null) {
            builder.credentials(ep -> credentials);
        }
        return builder.build();
    }

    private static void read(URI http, String endpoint, DmflowProcess dmflow) {
        io.restassured.response.Response answer = api(http)
                .contentType(ContentType.JSON)
                .body("{\"key\": \"/3/0/0\"}")
                .post("/api/devices/{endpoint}/operations/read", endpoint);
        assertThat(answer.statusCode())
                .as("read of %s: %s", endpoint, answer.asString())
                .isEqualTo(200);
        assertThat(answer.jsonPath().getString("status"))
                .as("read of %s: %s%ndmflow's log:%n%s", endpoint, answer.asString(), dmflow.tail())
                .isEqualTo("SUCCESS");
    }

    private static void awaitState(URI http, String endpoint, String expected) {
        await().atMost(TIMEOUT).until(() -> expected.equals(deviceState(http, endpoint)));
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
