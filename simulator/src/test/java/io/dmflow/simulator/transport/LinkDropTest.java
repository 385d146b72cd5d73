package io.dmflow.simulator.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.simulator.delivery.PackageFormat;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.fleet.SupportedObject;
import io.dmflow.simulator.object.firmware.FirmwareState;
import io.dmflow.simulator.testing.TestLwM2mServer;
import java.time.Duration;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A device drops off its link exactly at the request a test names: before it (the device never acts) or after it
 * (the device acts, its answer is lost), at the first or the n-th such request; it is back after comeBack.
 */
class LinkDropTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Long enough for a request to an offline device to be given up, short enough for the suite. */
    private static final long LOST_MILLIS = 1_500;

    static TestLwM2mServer server;
    static SimulatedFleet fleet;

    @BeforeAll
    static void start() {
        server = TestLwM2mServer.start();
        fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri())
                .endpointPrefix("drop-")
                .count(3)
                .objects(SupportedObject.FIRMWARE_UPDATE)
                .registrationRetry(Duration.ofSeconds(1))
                .build()
                .start()
                .awaitRegistered(WAIT);
    }

    @AfterAll
    static void stop() {
        fleet.close();
        server.close();
    }

    @Test
    void aLostRequestIsNeverActedOn() throws InterruptedException {
        SimulatedDevice device = fleet.device("drop-0");
        device.dropOffAt(LinkDrop.beforeRequest("POST", "/5/0/2"));

        ExecuteResponse lost = server.send("drop-0", new ExecuteRequest(5, 0, 2), LOST_MILLIS);

        assertThat(lost).isNull();
        assertThat(device.isOffline()).isTrue();
        assertThat(device.firmware().stateHistory()).containsExactly(FirmwareState.IDLE);
        device.comeBack();
        await().atMost(WAIT).until(() -> !device.isOffline());
        assertThat(server.send("drop-0", new ReadRequest(5, 0, 3)).isSuccess()).isTrue();
    }

    @Test
    void aLostAnswerFollowsTheWholeBlockWiseTransferHavingArrived() throws InterruptedException {
        SimulatedDevice device = fleet.device("drop-1");
        device.dropOffAt(LinkDrop.afterRequest("PUT", "/5/0/0"));
        byte[] image = PackageFormat.build("app", "2.0.0", 5000);

        WriteResponse lost = server.send("drop-1", new WriteRequest(ContentFormat.OPAQUE, 5, 0, 0, image), LOST_MILLIS);

        assertThat(lost).isNull();
        assertThat(device.isOffline()).isTrue();
        await().atMost(WAIT).until(() -> device.firmware().state() == FirmwareState.DOWNLOADED);
        assertThat(device.firmware().receivedPackage().orElseThrow().sha256())
                .isEqualTo(PackageFormat.sha256Hex(image));
        device.comeBack();
    }

    @Test
    void theNthRequestIsTheOneTheLinkDropsAt() throws InterruptedException {
        SimulatedDevice device = fleet.device("drop-2");
        device.dropOffAt(LinkDrop.beforeRequest("GET", "/5/0/3").atOccurrence(2));

        ReadResponse first = server.send("drop-2", new ReadRequest(5, 0, 3), LOST_MILLIS);
        ReadResponse second = server.send("drop-2", new ReadRequest(5, 0, 3), LOST_MILLIS);

        assertThat(first.isSuccess()).isTrue();
        assertThat(second).isNull();
        assertThat(device.isOffline()).isTrue();
        device.comeBack();
    }
}
