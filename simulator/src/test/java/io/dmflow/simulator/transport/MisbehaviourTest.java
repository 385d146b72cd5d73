package io.dmflow.simulator.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.fleet.SupportedObject;
import io.dmflow.simulator.testing.TestLwM2mServer;
import java.time.Duration;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.request.exception.InvalidResponseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Devices that misbehave the way real ones do: answers that do not decode, requests never answered while the device
 * still talks, and a registration loop.
 */
class MisbehaviourTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Long enough for a request to an unanswering device to be given up, short enough for the suite. */
    private static final long LOST_MILLIS = 1_500;

    static TestLwM2mServer server;
    static SimulatedFleet fleet;

    @BeforeAll
    static void start() {
        server = TestLwM2mServer.start();
        fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri())
                .endpointPrefix("bad-")
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
    void garbledAnswersDoNotDecodeUntilTheDeviceIsMended() throws InterruptedException {
        SimulatedDevice device = fleet.device("bad-0");
        device.answerGarbage(true);

        assertThatThrownBy(() -> server.send("bad-0", new ReadRequest(ContentFormat.TLV, 3, 0, 0)))
                .isInstanceOf(InvalidResponseException.class);
        // An answer without payload carries nothing to garble: the write is acted on and acknowledged.
        assertThat(server.send("bad-0", new WriteRequest(3, 0, 15, "Europe/Rome"))
                        .isSuccess())
                .isTrue();

        device.answerGarbage(false);
        assertThat(server.send("bad-0", new ReadRequest(3, 0, 15)).getContent().toString())
                .contains("Europe/Rome");
    }

    @Test
    void aDeviceThatIgnoresRequestsStillUpdatesItsRegistration() throws InterruptedException {
        SimulatedDevice device = fleet.device("bad-1");
        device.ignoreRequests(true);

        assertThat(server.send("bad-1", new ReadRequest(3, 0, 0), LOST_MILLIS)).isNull();
        int updates = device.updateCount();
        device.triggerRegistrationUpdate();
        await().atMost(WAIT).until(() -> device.updateCount() > updates);

        device.ignoreRequests(false);
        assertThat(server.send("bad-1", new ReadRequest(3, 0, 0)).isSuccess()).isTrue();
    }

    @Test
    void aDeviceInARegistrationLoopRegistersAgainAndAgain() {
        SimulatedDevice device = fleet.device("bad-2");
        int before = device.registrationCount();

        device.registerAgainEvery(Duration.ofMillis(200));
        await().atMost(WAIT).until(() -> device.registrationCount() >= before + 5);
        device.stopRegisteringAgain();

        await().atMost(WAIT).until(device::isRegistered);
        // Each registration replaced the one before: the server holds one per device, not a pile.
        assertThat(server.registrationCount()).isEqualTo(fleet.size());
        assertThat(server.registration("bad-2")).isNotNull();
    }
}
