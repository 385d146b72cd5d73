package io.dmflow.lwm2m.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.lwm2m.event.DeviceEventListener;
import io.dmflow.lwm2m.event.DeviceRegistration;
import io.dmflow.lwm2m.event.DeviceValue;
import io.dmflow.lwm2m.security.ClientCredentials;
import io.dmflow.lwm2m.security.DeviceSecurityStore;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.fleet.SupportedObject;
import io.dmflow.simulator.security.DeviceCredentials;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.server.registration.InMemoryRegistrationStore;
import org.junit.jupiter.api.Test;

/**
 * A server restarted on a registration store that outlived it (in dmflow: PostgreSQL) and on the DTLS connections
 * its predecessor saved reaches a NoSec and a PSK device at once: no device registers again, the PSK device makes
 * no new handshake, and the notifications of observations made before the restart reach the new server's
 * listeners.
 */
class KeptSessionRestartTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String TEMPERATURE = "/3303/0/5700";

    /** Leshan's in-memory store that a server's stop does not end, as PostgreSQL outlives dmflow. */
    private static final class OutlivingStore extends InMemoryRegistrationStore {

        OutlivingStore() {
            super(1);
        }

        @Override
        public synchronized void stop() {}

        @Override
        public synchronized void destroy() {}

        void end() {
            super.stop();
            super.destroy();
        }
    }

    @Test
    void devicesAreReachedAtOnceWithoutRegisteringAgainOrANewHandshake() throws Exception {
        DeviceSecurityStore security = DeviceSecurityStore.inMemory();
        byte[] key = "kept-session-key".getBytes(StandardCharsets.UTF_8);
        security.put("kept-psk", ClientCredentials.psk("id-kept-psk", key));
        ServerSettings settings = settingsOn(freeUdpPort(), freeUdpPort());
        OutlivingStore registrations = new OutlivingStore();

        DeviceManagementServer before = DeviceManagementServer.builder(settings)
                .securityStore(security)
                .registrationStore(registrations)
                .build();
        before.start();
        try (SimulatedFleet plain = fleet(before.coapUri().orElseThrow().toString(), "kept-nosec", null);
                SimulatedFleet secured = fleet(
                        before.coapsUri().orElseThrow().toString(),
                        "kept-psk",
                        DeviceCredentials.psk("id-kept-psk", key))) {
            SimulatedDevice noSec = plain.start().awaitRegistered(TIMEOUT).device();
            SimulatedDevice psk = secured.start().awaitRegistered(TIMEOUT).device();
            before.observations().observe("kept-nosec", TEMPERATURE).get(5, TimeUnit.SECONDS);
            before.observations().observe("kept-psk", TEMPERATURE).get(5, TimeUnit.SECONDS);
            int noSecRegistrations = noSec.registrationCount();
            int pskRegistrations = psk.registrationCount();
            int handshakes = psk.handshakeCount();
            assertThat(handshakes).isEqualTo(1);

            ByteArrayOutputStream saved = new ByteArrayOutputStream();
            assertThat(before.closeSavingDtlsConnections(saved)).isEqualTo(1);

            DeviceManagementServer after = DeviceManagementServer.builder(settings)
                    .securityStore(security)
                    .registrationStore(registrations)
                    .build();
            List<DeviceValue> notified = new CopyOnWriteArrayList<>();
            after.addListener(new DeviceEventListener() {
                @Override
                public void notified(DeviceRegistration registration, DeviceValue value) {
                    notified.add(value);
                }
            });
            try {
                assertThat(after.loadDtlsConnections(new ByteArrayInputStream(saved.toByteArray())))
                        .isEqualTo(1);
                long start = System.nanoTime();
                after.start();
                assertThat(after.operations()
                                .read("kept-nosec", "/3/0/0")
                                .get(5, TimeUnit.SECONDS)
                                .value())
                        .isEqualTo("dmflow");
                long noSecMillis = (System.nanoTime() - start) / 1_000_000;
                assertThat(after.operations()
                                .read("kept-psk", "/3/0/0")
                                .get(5, TimeUnit.SECONDS)
                                .value())
                        .isEqualTo("dmflow");
                long pskMillis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf(
                        "read after a restart with kept registrations and DTLS connections: NoSec %d ms, PSK %d ms%n",
                        noSecMillis, pskMillis);

                noSec.temperature().set(31.25);
                psk.temperature().set(32.5);
                await().atMost(TIMEOUT)
                        .untilAsserted(() -> assertThat(notified)
                                .extracting(DeviceValue::endpoint, DeviceValue::path, DeviceValue::value)
                                .contains(
                                        org.assertj.core.groups.Tuple.tuple("kept-nosec", TEMPERATURE, 31.25),
                                        org.assertj.core.groups.Tuple.tuple("kept-psk", TEMPERATURE, 32.5)));

                assertThat(noSec.registrationCount()).isEqualTo(noSecRegistrations);
                assertThat(psk.registrationCount()).isEqualTo(pskRegistrations);
                assertThat(psk.handshakeCount()).as("no new DTLS handshake").isEqualTo(handshakes);

                // The devices' next update is answered as any other: they stay registered.
                noSec.triggerRegistrationUpdate();
                psk.triggerRegistrationUpdate();
                await().atMost(TIMEOUT).until(() -> noSec.updateCount() > 0 && psk.updateCount() > 0);
                assertThat(noSec.registrationCount()).isEqualTo(noSecRegistrations);
                assertThat(psk.registrationCount()).isEqualTo(pskRegistrations);
                assertThat(psk.handshakeCount()).isEqualTo(handshakes);
            } finally {
                after.close();
                registrations.end();
            }
        }
    }

    private static SimulatedFleet fleet(String serverUri, String endpoint, DeviceCredentials credentials) {
        SimulatedFleet.Builder builder = SimulatedFleet.builder()
                .serverUri(serverUri)
                .endpoint(endpoint)
                .objects(SupportedObject.TEMPERATURE)
                .requestTimeout(Duration.ofSeconds(3))
                .registrationRetry(Duration.ofMillis(500))
                // Values change only when the test sets them: none is notified while no server listens.
                .sensorPeriod(Duration.ofHours(1));
        if (credentials != null) {
            builder.credentials(ep -> credentials);
        }
        return builder.build();
    }

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
}
