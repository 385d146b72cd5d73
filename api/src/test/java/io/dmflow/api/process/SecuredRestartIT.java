package io.dmflow.api.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged application, restarted: named servers, bootstrap configurations, provisioned credentials and the
 * server's own RPK key are kept in PostgreSQL, and a device bootstrapped onto DTLS PSK stays registered: its next
 * update goes over its DTLS session, kept through the graceful stop, with no new handshake and no operator action.
 */
class SecuredRestartIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration DEVICE_REQUEST_TIMEOUT = Duration.ofSeconds(3);

    @Test
    void aBootstrappedDtlsDeviceIsReachableAgainAfterARestartAndItsConfigurationIsKept() throws Exception {
        Path dataDirectory = Files.createTempDirectory("dmflow-it-secured");
        int coaps = DmflowProcess.freeUdpPort();
        int bootstrapCoap = DmflowProcess.freeUdpPort();
        Map<String, String> properties = Map.of(
                "dmflow.database.embedded.data-dir",
                dataDirectory.toString(),
                "dmflow.lwm2m.coaps.port",
                String.valueOf(coaps),
                "dmflow.bootstrap.coap.port",
                String.valueOf(bootstrapCoap));
        String key = HexFormat.of().formatHex("it-restart-key".getBytes(StandardCharsets.UTF_8));

        String rpkServerBefore;
        SimulatedFleet fleet = null;
        try {
            try (DmflowProcess dmflow = DmflowProcess.start(properties, Map.of())) {
                URI http = dmflow.awaitHttp(Duration.ofSeconds(60));
                EmbeddedDatabaseLifecycleIT.awaitReady(http);
                put(
                        http,
                        "/api/servers/dm",
                        "{\"uri\":\"coaps://127.0.0.1:" + coaps + "\",\"shortServerId\":1,"
                                + "\"securityMode\":\"psk\"}");
                rpkServerBefore = put(
                        http,
                        "/api/servers/dm-rpk",
                        "{\"uri\":\"coaps://127.0.0.1:" + coaps + "\",\"shortServerId\":2,\"securityMode\":\"rpk\"}");
                put(
                        http,
                        "/api/devices/it-bs-0/bootstrap",
                        "{\"servers\":[{\"server\":\"dm\",\"credentials\":"
                                + "{\"mode\":\"psk\",\"identity\":\"it-bs-0\",\"key\":\"" + key + "\"}}]}");

                fleet = SimulatedFleet.builder()
                        .bootstrapServerUri("coap://127.0.0.1:" + bootstrapCoap)
                        .endpoint("it-bs-0")
                        .objects()
                        .requestTimeout(DEVICE_REQUEST_TIMEOUT)
                        .registrationRetry(Duration.ofSeconds(1))
                        .build()
                        .start();
                assertThat(fleet.device().awaitRegistered(Duration.ofSeconds(20)))
                        .as(dmflow.tail())
                        .isTrue();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> EmbeddedDatabaseLifecycleIT.body(http, "/api/devices/it-bs-0")
                                .contains("\"online\""));
                dmflow.terminate(Duration.ofSeconds(30));
            }

            SimulatedDevice device = fleet.device();
            int registrations = device.registrationCount();
            try (DmflowProcess dmflow = DmflowProcess.start(properties, Map.of())) {
                URI http = dmflow.awaitHttp(Duration.ofSeconds(60));
                EmbeddedDatabaseLifecycleIT.awaitReady(http);
                assertThat(EmbeddedDatabaseLifecycleIT.body(http, "/api/servers/dm-rpk"))
                        .as("the server's RPK key outlives the restart")
                        .isEqualTo(rpkServerBefore);
                assertThat(EmbeddedDatabaseLifecycleIT.body(http, "/api/devices/it-bs-0/bootstrap"))
                        .contains("\"server\":\"dm\"")
                        .contains("it-bs-0")
                        .doesNotContain(key);

                // The device's next update goes over its DTLS session, kept through the graceful stop: answered as
                // usual, with neither a new handshake nor a new registration.
                int updates = device.updateCount();
                int handshakes = device.handshakeCount();
                long start = System.nanoTime();
                device.triggerRegistrationUpdate();
                await().atMost(DEVICE_REQUEST_TIMEOUT.multipliedBy(5)).until(() -> device.updateCount() > updates);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(device.registrationCount()).as("registered again").isEqualTo(registrations);
                assertThat(device.handshakeCount()).as("new DTLS handshakes").isEqualTo(handshakes);
                assertThat(EmbeddedDatabaseLifecycleIT.body(http, "/api/devices/it-bs-0"))
                        .contains("\"online\"");
                System.out.printf(
                        "DTLS PSK device's first update after the restart answered in %d ms on its kept session%n",
                        millis);
                assertThat(device.bootstrapCount())
                        .as("no new bootstrap was needed")
                        .isEqualTo(1);
                dmflow.terminate(Duration.ofSeconds(30));
            }
        } finally {
            if (fleet != null) {
                fleet.close();
            }
        }
    }

    private static String put(URI http, String path, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(http.resolve(path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", io.dmflow.api.testing.TestAdmin.authorization())
                        .PUT(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }
}
