package io.dmflow.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dmflow.simulator.testing.TestLwM2mServer;
import java.time.Duration;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.exception.ClientSleepingException;
import org.eclipse.leshan.server.queue.PresenceService;
import org.junit.jupiter.api.Test;

class QueueModeTest {

    @Test
    void aQueueModeDeviceFallsAsleepAndWakesWithAnUpdate() throws Exception {
        try (TestLwM2mServer server = TestLwM2mServer.startWithClientAwakeTime(800);
                SimulatedFleet fleet = SimulatedFleet.builder()
                        .serverUri(server.coapUri())
                        .endpoint("queue-1")
                        .queueMode(Duration.ofMillis(800))
                        .objects()
                        .build()) {
            SimulatedDevice device =
                    fleet.start().awaitRegistered(Duration.ofSeconds(10)).device();
            PresenceService presence = server.leshan().getPresenceService();
            assertThat(server.registration("queue-1").usesQueueMode()).isTrue();

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !presence.isClientAwake(server.registration("queue-1")) && device.isSleeping());
            assertThatThrownBy(() -> server.send("queue-1", new ReadRequest(3, 0, 0)))
                    .isInstanceOf(ClientSleepingException.class);

            device.triggerRegistrationUpdate();

            await().atMost(Duration.ofSeconds(5)).until(() -> presence.isClientAwake(server.registration("queue-1")));
            assertThat(device.isSleeping()).isFalse();
            assertThat(server.send("queue-1", new ReadRequest(3, 0, 0)).isSuccess())
                    .isTrue();
        }
    }
}
