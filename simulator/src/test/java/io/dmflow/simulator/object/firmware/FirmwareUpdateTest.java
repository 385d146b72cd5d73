package io.dmflow.simulator.object.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.simulator.delivery.PackageFormat;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.fleet.SupportedObject;
import io.dmflow.simulator.testing.PackageServers;
import io.dmflow.simulator.testing.Reads;
import io.dmflow.simulator.testing.TestLwM2mServer;
import java.time.Duration;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.WriteResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Object 5 against a real Leshan server: push and pull, the state machine, and every injected failure. */
class FirmwareUpdateTest {

    static final int MIB = 1024 * 1024;
    static final Duration WAIT = Duration.ofSeconds(20);

    static TestLwM2mServer server;
    static PackageServers packages;
    static SimulatedFleet fleet;
    static Reads reads;

    @BeforeAll
    static void start() {
        server = TestLwM2mServer.start();
        packages = new PackageServers();
        reads = new Reads(server);
        fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri())
                .endpointPrefix("fw-")
                .count(11)
                .httpsTrust(packages.clientTrust())
                .objects(SupportedObject.FIRMWARE_UPDATE)
                .rebootDelay(Duration.ofMillis(200))
                .build()
                .start()
                .awaitRegistered(WAIT);
    }

    @AfterAll
    static void stop() {
        fleet.close();
        packages.close();
        server.close();
    }

    @Test
    void pushOfOneMebibyteReachesDownloadedAndUpdateRebootsIntoTheNewVersion() throws Exception {
        SimulatedDevice device = fleet.device("fw-0");
        byte[] image = PackageFormat.build("app", "2.0.0", MIB);

        WriteResponse push = server.send("fw-0", new WriteRequest(ContentFormat.OPAQUE, 5, 0, 0, image), 30_000);

        assertThat(push.isSuccess()).as("push: %s", push).isTrue();
        await().atMost(WAIT).until(() -> device.firmware().state() == FirmwareState.DOWNLOADED);
        assertThat(reads.integer("fw-0", 5, 0, 3)).isEqualTo(2);
        assertThat(device.firmware().receivedPackage().orElseThrow().sha256())
                .isEqualTo(PackageFormat.sha256Hex(image));
        assertThat(device.firmware().receivedBytes().orElseThrow()).isEqualTo(image);
        assertThat(reads.value("fw-0", 5, 0, 7)).isEqualTo("2.0.0");
        assertThat(reads.value("fw-0", 5, 0, 6)).isEqualTo("app");

        assertThat(server.send("fw-0", new ExecuteRequest(5, 0, 2)).isSuccess()).isTrue();

        await().atMost(WAIT).until(() -> device.rebootCount() == 1 && device.isRegistered());
        assertThat(reads.integer("fw-0", 5, 0, 3)).isEqualTo(FirmwareState.IDLE.code());
        assertThat(reads.integer("fw-0", 5, 0, 5)).isEqualTo(UpdateResult.SUCCESS.code());
        assertThat(reads.value("fw-0", 3, 0, 3)).isEqualTo("2.0.0");
        assertThat(device.firmware().stateHistory())
                .containsSubsequence(
                        FirmwareState.IDLE,
                        FirmwareState.DOWNLOADING,
                        FirmwareState.DOWNLOADED,
                        FirmwareState.UPDATING,
                        FirmwareState.IDLE);
    }

    @Test
    void pullOverCoapUsesBlock2() throws Exception {
        SimulatedDevice device = fleet.device("fw-1");
        byte[] image = PackageFormat.build("app", "3.0.0", MIB);
        packages.put("coap-fw.bin", image);

        assertThat(server.send("fw-1", new WriteRequest(5, 0, 1, packages.coapUri("coap-fw.bin")))
                        .isSuccess())
                .isTrue();

        await().atMost(WAIT).until(() -> device.firmware().state() == FirmwareState.DOWNLOADED);
        assertThat(device.firmware().receivedPackage().orElseThrow().sha256())
                .isEqualTo(PackageFormat.sha256Hex(image));
        assertThat(reads.value("fw-1", 5, 0, 1)).isEqualTo(packages.coapUri("coap-fw.bin"));
    }

    @Test
    void pullOverHttp() throws Exception {
        SimulatedDevice device = fleet.device("fw-2");
        byte[] image = PackageFormat.build("app", "4.0.0", MIB);
        packages.put("http-fw.bin", image);

        assertThat(server.send("fw-2", new WriteRequest(5, 0, 1, packages.httpUri("http-fw.bin")))
                        .isSuccess())
                .isTrue();

        await().atMost(WAIT).until(() -> device.firmware().state() == FirmwareState.DOWNLOADED);
        assertThat(device.firmware().receivedPackage().orElseThrow().version()).isEqualTo("4.0.0");
        assertThat(device.firmware().receivedPackage().orElseThrow().sha256())
                .isEqualTo(PackageFormat.sha256Hex(image));
    }

    @Test
    void pullOverHttps() throws Exception {
        SimulatedDevice device = fleet.device("fw-10");
        byte[] image = PackageFormat.build("app", "4.1.0", 256 * 1024);
        packages.put("https-fw.bin", image);

        server.send("fw-10", new WriteRequest(5, 0, 1, packages.httpsUri("https-fw.bin")));

        await().atMost(WAIT).until(() -> device.firmware().state() == FirmwareState.DOWNLOADED);
        assertThat(device.firmware().receivedPackage().orElseThrow().sha256())
                .isEqualTo(PackageFormat.sha256Hex(image));
    }

    @Test
    void aCorruptPackageFailsTheIntegrityCheck() throws Exception {
        SimulatedDevice device = fleet.device("fw-3");
        byte[] image = PackageFormat.build("app", "5.0.0", 64 * 1024);
        image[image.length - 10] ^= 0x55;

        server.send("fw-3", new WriteRequest(ContentFormat.OPAQUE, 5, 0, 0, image), 30_000);

        await().atMost(WAIT).until(() -> device.firmware().updateResult() == UpdateResult.INTEGRITY_CHECK_FAILURE);
        assertThat(reads.integer("fw-3", 5, 0, 3)).isEqualTo(FirmwareState.IDLE.code());
        assertThat(reads.integer("fw-3", 5, 0, 5)).isEqualTo(5);

        // the injected fault gives the same result for an intact image, until cleared
        device.firmware().faults().corruptPackage(true);
        server.send("fw-3", new WriteRequest(ContentFormat.OPAQUE, 5, 0, 0, PackageFormat.build("a", "1", 2048)));
        await().atMost(WAIT)
                .until(() -> device.firmware().updateResult() == UpdateResult.INTEGRITY_CHECK_FAILURE
                        && device.firmware().state() == FirmwareState.IDLE);
        device.firmware().faults().clear();
    }

    @Test
    void anInjectedDownloadFailureReportsConnectionLost() throws Exception {
        SimulatedDevice device = fleet.device("fw-4");
        device.firmware().faults().failDownload(true);
        packages.put("lost.bin", PackageFormat.build("app", "6.0.0", 8 * 1024));

        server.send("fw-4", new WriteRequest(5, 0, 1, packages.httpUri("lost.bin")));

        await().atMost(WAIT).until(() -> device.firmware().updateResult() == UpdateResult.CONNECTION_LOST);
        assertThat(reads.integer("fw-4", 5, 0, 3)).isEqualTo(FirmwareState.IDLE.code());
        assertThat(reads.integer("fw-4", 5, 0, 5)).isEqualTo(4);

        // cleared, the retry of the same delivery succeeds
        device.firmware().faults().clear();
        server.send("fw-4", new WriteRequest(5, 0, 1, packages.httpUri("lost.bin")));
        await().atMost(WAIT).until(() -> device.firmware().state() == FirmwareState.DOWNLOADED);
    }

    @Test
    void anInjectedUpdateFailureReturnsToDownloadedWithResult8() throws Exception {
        SimulatedDevice device = fleet.device("fw-5");
        device.firmware().faults().failUpdate(true);
        server.send("fw-5", new WriteRequest(ContentFormat.OPAQUE, 5, 0, 0, PackageFormat.build("a", "7", 4096)));
        await().atMost(WAIT).until(() -> device.firmware().state() == FirmwareState.DOWNLOADED);

        server.send("fw-5", new ExecuteRequest(5, 0, 2));

        await().atMost(WAIT).until(() -> device.firmware().updateResult() == UpdateResult.UPDATE_FAILED);
        assertThat(reads.integer("fw-5", 5, 0, 3)).isEqualTo(FirmwareState.DOWNLOADED.code());
        assertThat(reads.integer("fw-5", 5, 0, 5)).isEqualTo(8);
        assertThat(device.rebootCount()).isZero();
        assertThat(reads.value("fw-5", 3, 0, 3)).isEqualTo("1.0.0");
    }

    @Test
    void badUrisAreReportedWithTheirOwnResults() throws Exception {
        SimulatedDevice device = fleet.device("fw-6");

        server.send("fw-6", new WriteRequest(5, 0, 1, "not a uri"));
        assertThat(device.firmware().updateResult()).isEqualTo(UpdateResult.INVALID_URI);

        server.send("fw-6", new WriteRequest(5, 0, 1, "ftp://127.0.0.1/fw.bin"));
        assertThat(device.firmware().updateResult()).isEqualTo(UpdateResult.UNSUPPORTED_PROTOCOL);

        server.send("fw-6", new WriteRequest(5, 0, 1, packages.httpUri("missing.bin")));
        await().atMost(WAIT).until(() -> device.firmware().updateResult() == UpdateResult.INVALID_URI);
        assertThat(device.firmware().state()).isEqualTo(FirmwareState.IDLE);
        assertThat(reads.integer("fw-6", 5, 0, 5)).isEqualTo(7);
    }

    @Test
    void cancelAndResetReturnToIdle() throws Exception {
        SimulatedDevice device = fleet.device("fw-7");
        server.send("fw-7", new WriteRequest(ContentFormat.OPAQUE, 5, 0, 0, PackageFormat.build("a", "8", 4096)));
        await().atMost(WAIT).until(() -> device.firmware().state() == FirmwareState.DOWNLOADED);

        assertThat(server.send("fw-7", new ExecuteRequest(5, 0, 10)).isSuccess())
                .isTrue();
        assertThat(device.firmware().state()).isEqualTo(FirmwareState.IDLE);
        assertThat(device.firmware().updateResult()).isEqualTo(UpdateResult.CANCELLED);

        ExecuteResponse updateInIdle = server.send("fw-7", new ExecuteRequest(5, 0, 2));
        assertThat(updateInIdle.getCode()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);

        server.send("fw-7", new WriteRequest(5, 0, 1, ""));
        assertThat(device.firmware().updateResult()).isEqualTo(UpdateResult.INITIAL);
        assertThat(reads.integer("fw-7", 5, 0, 5)).isEqualTo(0);
    }

    @Test
    void anObservedStateIsNotifiedThroughDownloadingAndDownloaded() throws Exception {
        SimulatedDevice device = fleet.device("fw-9");
        device.firmware().faults().downloadDuration(Duration.ofMillis(300));
        assertThat(server.send("fw-9", new org.eclipse.leshan.core.request.ObserveRequest(5, 0, 3))
                        .isSuccess())
                .isTrue();

        server.send("fw-9", new WriteRequest(ContentFormat.OPAQUE, 5, 0, 0, PackageFormat.build("a", "9", 4096)));

        await().atMost(WAIT)
                .until(() -> server.notificationsFrom("fw-9").stream()
                        .map(n -> ((org.eclipse.leshan.core.node.LwM2mSingleResource) n.getContent()).getValue())
                        .toList()
                        .containsAll(java.util.List.of(1L, 2L)));
        assertThat(device.firmware().state()).isEqualTo(FirmwareState.DOWNLOADED);
    }

    @Test
    void capabilitiesAdvertisePushPullAndProtocols() throws Exception {
        assertThat(reads.integer("fw-8", 5, 0, 9)).isEqualTo(2);
        org.eclipse.leshan.core.response.ReadResponse protocols =
                server.send("fw-8", new org.eclipse.leshan.core.request.ReadRequest(5, 0, 8));
        assertThat(((org.eclipse.leshan.core.node.LwM2mMultipleResource) protocols.getContent())
                        .getInstances()
                        .values())
                .extracting(i -> i.getValue())
                .containsExactly(0L, 2L, 3L);
    }
}
