package io.dmflow.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.simulator.testing.TestBootstrapServer;
import io.dmflow.simulator.testing.TestLwM2mServer;
import java.time.Duration;
import org.eclipse.leshan.core.request.ReadRequest;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void aDeviceWithOnlyABootstrapUriIsProvisionedAndRegisters() throws Exception {
        try (TestLwM2mServer server = TestLwM2mServer.start();
                TestBootstrapServer bootstrap = new TestBootstrapServer()) {
            bootstrap.assign("bs-0", server.coapUri());
            try (SimulatedFleet fleet = SimulatedFleet.builder()
                    .bootstrapServerUri(bootstrap.coapUri())
                    .endpoint("bs-0")
                    .objects()
                    .build()) {
                SimulatedDevice device =
                        fleet.start().awaitRegistered(Duration.ofSeconds(15)).device();

                assertThat(bootstrap.finishedSessions()).containsExactly("bs-0");
                assertThat(device.bootstrapCount()).isEqualTo(1);
                assertThat(server.registration("bs-0").getLifeTimeInSec()).isEqualTo(300);
                assertThat(server.send("bs-0", new ReadRequest(3, 0, 0)).isSuccess())
                        .isTrue();
            }
        }
    }
}
