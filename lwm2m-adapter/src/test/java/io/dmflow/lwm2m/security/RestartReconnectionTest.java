package io.dmflow.lwm2m.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.lwm2m.server.ServerSettings;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.security.DeviceCredentials;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Registrations are held in memory: after a restart the server answers a device's next registration update with
 * 4.04 and the device registers anew, with no operator action. DTLS devices also need a new handshake, because the
 * restarted server has no session for them; the test measures how long that takes.
 */
class RestartReconnectionTest {

    private static final Duration DEVICE_REQUEST_TIMEOUT = Duration.ofSeconds(3);

    private static ServerSettings settingsOn(int coapPort, int coapsPort) {
        ServerSettings loopback = ServerSettings.loopback();
        return new ServerSettings(
                "127.0.0.1",
                coapPort,
                "127.0.0.1",
                coapsPort,
                loopback.expirationCheckInterval(),
                loopback.udpReceiveBufferBytes(),
                loopback.queueAwakeTime());
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void noSecAndPskDevicesAreReachableAgainAfterTheirNextUpdateWithoutOperatorAction() throws Exception {
        DeviceSecurityStore security = DeviceSecurityStore.inMemory();
        byte[] key = "restart-key".getBytes(StandardCharsets.UTF_8);
        security.put("restart-psk", ClientCredentials.psk("id-restart-psk", key));
        ServerSettings settings = settingsOn(freeUdpPort(), freeUdpPort());

        DeviceManagementServer before =
                DeviceManagementServer.builder(settings).securityStore(security).build();
        before.start();
        try (SimulatedFleet plain = SimulatedFleet.builder()
                        .serverUri(before.coapUri().orElseThrow())
                        .endpoint("restart-nosec")
                        .objects()
                        .requestTimeout(DEVICE_REQUEST_TIMEOUT)
                        .registrationRetry(Duration.ofMillis(500))
                        .build();
                SimulatedFleet secured = SimulatedFleet.builder()
                        .serverUri(before.coapsUri().orElseThrow())
                        .endpoint("restart-psk")
                        .objects()
                        .requestTimeout(DEVICE_REQUEST_TIMEOUT)
                        .registrationRetry(Duration.ofMillis(500))
                        .credentials(ep -> DeviceCredentials.psk("id-restart-psk", key))
                        .build()) {
            SimulatedDevice noSec =
                    plain.start().awaitRegistered(Duration.ofSeconds(10)).device();
            SimulatedDevice psk =
                    secured.start().awaitRegistered(Duration.ofSeconds(10)).device();
            int noSecRegistrations = noSec.registrationCount();
            int pskRegistrations = psk.registrationCount();

            before.close();
            DeviceManagementServer after = DeviceManagementServer.builder(settings)
                    .securityStore(security)
                    .build();
            try {
                after.start();
                assertThat(after.registration("restart-nosec"))
                        .as("registrations are not kept")
                        .isEmpty();

                // The devices' next update (here right away rather than at 90 % of their lifetime).
                long start = System.nanoTime();
                noSec.triggerRegistrationUpdate();
                psk.triggerRegistrationUpdate();
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> after.registration("restart-nosec").isPresent()
                                && noSec.registrationCount() > noSecRegistrations);
                long noSecMillis = (System.nanoTime() - start) / 1_000_000;
                await().atMost(DEVICE_REQUEST_TIMEOUT.multipliedBy(4))
                        .until(() -> after.registration("restart-psk").isPresent()
                                && psk.registrationCount() > pskRegistrations);
                long pskMillis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf(
                        "reachable again after restart: NoSec %d ms, DTLS PSK %d ms "
                                + "(device request timeout %d s)%n",
                        noSecMillis, pskMillis, DEVICE_REQUEST_TIMEOUT.toSeconds());

                assertThat(after.operations()
                                .read("restart-nosec", "/3/0/0")
                                .get(5, TimeUnit.SECONDS)
                                .value())
                        .isEqualTo("dmflow");
                assertThat(after.operations()
                                .read("restart-psk", "/3/0/0")
                                .get(5, TimeUnit.SECONDS)
                                .value())
                        .isEqualTo("dmflow");
            } finally {
                after.close();
            }
        }
    }
}
