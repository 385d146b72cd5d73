package io.dmflow.api.benchmark;

import io.dmflow.api.database.Sql;
import io.dmflow.api.process.DmflowProcess;
import io.dmflow.api.registration.PostgresRegistrationStore;
import io.dmflow.api.secret.SecretBox;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.operation.OperationTimeouts;
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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: how long after a restart of the LwM2M server every device is reachable again, with registrations kept
 * in PostgreSQL (the application's store on the test database) and DTLS connections kept through a graceful stop
 * (sealed and opened as dmflow does). A second management server beside the application's is stopped and started
 * on the same ports under NoSec and PSK fleets: a graceful restart (connections saved), then a crash (nothing saved;
 * every device sends its next update at once, as if its update were due). "Reachable" is a successful read of
 * {@code /3/0/0} from every device. Run with
 * {@code ./mvnw -pl api -am verify -Pbenchmark -Dtest=RestartBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}
 * ({@code -Dbenchmark.devices} devices of each kind, default 1000).
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class RestartBenchmark {

    private static final int DEVICES = Integer.getInteger("benchmark.devices", 1000);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Inject
    Sql sql;

    @Inject
    SecretBox secrets;

    @Test
    void timeFromRestartToEveryDeviceReachable() throws Exception {
        DeviceSecurityStore security = DeviceSecurityStore.inMemory();
        for (int i = 0; i < DEVICES; i++) {
            security.put("rb-psk-" + i, ClientCredentials.psk("id-rb-psk-" + i, key(i)));
        }
        ServerSettings settings = settings(DmflowProcess.freeUdpPort(), DmflowProcess.freeUdpPort());
        DeviceManagementServer server = server(settings, security);
        server.start();
        try (SimulatedFleet noSec = fleet(server.coapUri().orElseThrow().toString(), "rb-nosec-", null);
                SimulatedFleet psk = fleet(server.coapsUri().orElseThrow().toString(), "rb-psk-", endpoint -> {})) {
            long registering = System.nanoTime();
            noSec.start();
            psk.start();
            if (!noSec.awaitRegisteredCount(DEVICES, TIMEOUT) || !psk.awaitRegisteredCount(DEVICES, TIMEOUT)) {
                throw new AssertionError("only " + noSec.registeredCount() + " NoSec and " + psk.registeredCount()
                        + " PSK devices registered");
            }
            System.out.printf(
                    "%d NoSec and %d PSK devices registered in %.1f s%n", DEVICES, DEVICES, seconds(registering));
            int registrations = registrations(noSec) + registrations(psk);
            int handshakes = handshakes(psk);

            // Graceful: connections saved and sealed, taken in by the next server.
            long stopping = System.nanoTime();
            ByteArrayOutputStream saved = new ByteArrayOutputStream();
            int connections = server.closeSavingDtlsConnections(saved);
            byte[] sealed = secrets.seal("lwm2m.dtls_connections", saved.toByteArray());
            double stopSeconds = seconds(stopping);
            long starting = System.nanoTime();
            server = server(settings, security);
            server.loadDtlsConnections(new ByteArrayInputStream(secrets.open("lwm2m.dtls_connections", sealed)));
            server.start();
            double startSeconds = seconds(starting);
            double noSecReachable = reachable(server, noSec, starting);
            double pskReachable = reachable(server, psk, starting);
            System.out.printf(
                    "graceful restart: stop and save %d DTLS connections (%d bytes) %.2f s; start with %d kept "
                            + "registrations %.2f s; every NoSec device read %.2f s, every PSK device read %.2f s after "
                            + "the start; registered again: %d, new handshakes: %d%n",
                    connections,
                    sealed.length,
                    stopSeconds,
                    2 * DEVICES,
                    startSeconds,
                    noSecReachable,
                    pskReachable,
                    registrations(noSec) + registrations(psk) - registrations,
                    handshakes(psk) - handshakes);

            // Crash: nothing saved; the registrations are still in PostgreSQL.
            registrations = registrations(noSec) + registrations(psk);
            handshakes = handshakes(psk);
            server.close();
            starting = System.nanoTime();
            server = server(settings, security);
            server.start();
            startSeconds = seconds(starting);
            noSec.devices().forEach(SimulatedDevice::triggerRegistrationUpdate);
            psk.devices().forEach(SimulatedDevice::triggerRegistrationUpdate);
            noSecReachable = reachable(server, noSec, starting);
            pskReachable = reachable(server, psk, starting);
            System.out.printf(
                    "crash: start with %d kept registrations %.2f s; every device sent its update at once; every "
                            + "NoSec device read %.2f s, every PSK device read %.2f s after the start; registered "
                            + "again: %d, new handshakes: %d%n",
                    2 * DEVICES,
                    startSeconds,
                    noSecReachable,
                    pskReachable,
                    registrations(noSec) + registrations(psk) - registrations,
                    handshakes(psk) - handshakes);
        } finally {
            server.close();
        }
    }

    /** Seconds from {@code since} until a read of every device of the fleet succeeded; failed reads are retried. */
    private static double reachable(DeviceManagementServer server, SimulatedFleet fleet, long since) throws Exception {
        List<SimulatedDevice> pending = new ArrayList<>(fleet.devices());
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!pending.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(pending.size() + " devices still unreachable, e.g. " + pending.get(0));
            }
            List<CompletableFuture<Boolean>> reads = new ArrayList<>();
            for (SimulatedDevice device : pending) {
                reads.add(server.operations()
                        .read(device.endpoint(), "/3/0/0")
                        .thenApply(result -> true)
                        .exceptionally(failure -> false));
            }
            List<SimulatedDevice> failed = new ArrayList<>();
            for (int i = 0; i < reads.size(); i++) {
                if (!reads.get(i).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    failed.add(pending.get(i));
                }
            }
            if (!failed.isEmpty()) {
                // A device not yet back (its update still under way) answers nothing we could wait on.
                Thread.sleep(100);
            }
            pending = failed;
        }
        return seconds(since);
    }

    private DeviceManagementServer server(ServerSettings settings, DeviceSecurityStore security) {
        return DeviceManagementServer.builder(settings)
                .securityStore(security)
                .registrationStore(new PostgresRegistrationStore(sql, settings.expirationCheckInterval()))
                .timeouts(new OperationTimeouts(Duration.ofSeconds(5), Duration.ofMinutes(1)))
                .build();
    }

    private static SimulatedFleet fleet(String serverUri, String prefix, Consumer<String> secured) {
        SimulatedFleet.Builder builder = SimulatedFleet.builder()
                .serverUri(serverUri)
                .endpointPrefix(prefix)
                .count(DEVICES)
                .lifetime(Duration.ofMinutes(30))
                .requestTimeout(Duration.ofSeconds(5))
                .registrationRetry(Duration.ofSeconds(1))
                .sensorPeriod(Duration.ofHours(1));
        if (secured != null) {
            builder.credentials(endpoint -> DeviceCredentials.psk(
                    "id-" + endpoint, key(Integer.parseInt(endpoint.substring(prefix.length())))));
        }
        return builder.build();
    }

    private static byte[] key(int device) {
        return String.format("rb-psk-key-%05d", device).getBytes(StandardCharsets.UTF_8);
    }

    private static int registrations(SimulatedFleet fleet) {
        return fleet.devices().stream()
                .mapToInt(SimulatedDevice::registrationCount)
                .sum();
    }

    private static int handshakes(SimulatedFleet fleet) {
        return fleet.devices().stream()
                .mapToInt(SimulatedDevice::handshakeCount)
                .sum();
    }

    private static ServerSettings settings(int coapPort, int coapsPort) {
        ServerSettings loopback = ServerSettings.loopback();
        return new ServerSettings(
                "127.0.0.1",
                coapPort,
                "127.0.0.1",
                coapsPort,
                Duration.ofSeconds(1),
                loopback.udpReceiveBufferBytes(),
                loopback.queueAwakeTime());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
