package io.dmflow.lwm2m.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.lwm2m.operation.InvalidOperation;
import io.dmflow.lwm2m.operation.OperationTimeouts;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.lwm2m.server.ServerSettings;
import io.dmflow.simulator.delivery.PackageFormat;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.fleet.SupportedObject;
import io.dmflow.simulator.object.firmware.FirmwareState;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Firmware of 1 MiB pushed block-wise and pulled over CoAP, to simulated devices over UDP on loopback. */
class PackageDeliveryTest {

    private static final int MIB = 1024 * 1024;
    private static DeviceManagementServer server;
    private static SimulatedFleet fleet;

    @BeforeAll
    static void start() {
        server = DeviceManagementServer.builder(ServerSettings.loopback())
                .timeouts(new OperationTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60)))
                .build();
        server.start();
        fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri().orElseThrow())
                .endpointPrefix("fw-")
                .count(4)
                .objects(SupportedObject.FIRMWARE_UPDATE)
                .retainPackageBytes(true)
                .maxPackageBytes(4 * MIB)
                .build()
                .start()
                .awaitRegistered(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        fleet.close();
        server.close();
    }

    @Test
    void aPushOfOneMebibyteLeavesTheDeviceDownloadedWithTheExactBytes(@TempDir Path folder) throws Exception {
        byte[] image = PackageFormat.build("fw", "2.0.0", MIB);
        Path file = Files.write(folder.resolve("fw-2.0.0.bin"), image);
        SimulatedDevice device = fleet.device("fw-0");

        long started = System.nanoTime();
        server.delivery().push("fw-0", "/5/0/0", new FilePackageSource(file)).get(60, TimeUnit.SECONDS);
        System.out.printf("1 MiB pushed block-wise in %d ms%n", (System.nanoTime() - started) / 1_000_000);

        await().atMost(Duration.ofSeconds(10)).until(() -> device.firmware().state() == FirmwareState.DOWNLOADED);
        assertThat(device.firmware().receivedBytes())
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(image));
        assertThat(device.firmware().receivedPackage().orElseThrow().intact()).isTrue();
    }

    @Test
    void aPullOverCoapServesThePackageBlockwiseUnderItsToken() throws Exception {
        byte[] image = PackageFormat.build("fw", "2.1.0", MIB);
        SimulatedDevice device = fleet.device("fw-1");

        URI uri = server.delivery()
                .pull(
                        "fw-1",
                        "/5/0/1",
                        new InMemoryPackageSource("fw-2.1.0", image),
                        TransferProtocol.COAP,
                        Optional.empty())
                .get(10, TimeUnit.SECONDS);
        assertThat(uri.toString()).startsWith(server.coapUri().orElseThrow() + "/fw/");
        assertThat(device.firmware().packageUri()).isEqualTo(uri.toString());

        await().atMost(Duration.ofSeconds(30)).until(() -> device.firmware().state() == FirmwareState.DOWNLOADED);
        assertThat(device.firmware().receivedBytes())
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(image));
    }

    @Test
    void anUnknownOrExpiredTokenServesNothing() throws Exception {
        SimulatedDevice device = fleet.device("fw-2");
        URI base = server.coapUri().orElseThrow();
        // A URI with a made-up token: the device's download fails and it reports so.
        server.operations()
                .write("fw-2", "/5/0/1", base + "/fw/not-a-token", io.dmflow.lwm2m.operation.WriteMode.REPLACE)
                .get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> device.firmware().state() == FirmwareState.IDLE
                        && device.firmware().updateResult().code() != 0);
        assertThat(device.firmware().receivedBytes()).isEmpty();

        ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
        PackageOffers offers = new PackageOffers(clock);
        PackageOffer offer = offers.offer(new InMemoryPackageSource("x", new byte[] {1}), Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(offers.find(offer.token())).as("still within its validity").isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(offers.find(offer.token())).as("expired").isEmpty();
        assertThat(offer.token()).hasSizeGreaterThanOrEqualTo(43);
    }

    /** A clock the test moves on, so that an offer expires when the test says, not after a sleep. */
    private static final class ManualClock extends Clock {

        private volatile Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("offers read instants only");
        }
    }

    @Test
    void aPullWithoutAPublicBaseForItsProtocolIsRefused() {
        try {
            server.delivery()
                    .pull(
                            "fw-3",
                            "/5/0/1",
                            new InMemoryPackageSource("x", new byte[10]),
                            TransferProtocol.HTTPS,
                            Optional.empty())
                    .get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a refusal");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(InvalidOperation.class).hasMessageContaining("HTTPS");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
