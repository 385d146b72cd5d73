package io.dmflow.simulator.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.fleet.SupportedObject;
import io.dmflow.simulator.testing.TestLwM2mServer;
import java.time.Duration;
import org.eclipse.leshan.core.request.ReadRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Devices behind a link slower than loopback register, and answer each request only after the link's latency. */
class LinkLatencyTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration LATENCY = Duration.ofMillis(300);

    static TestLwM2mServer server;
    static SimulatedFleet fleet;

    @BeforeAll
    static void start() {
        server = TestLwM2mServer.start();
        fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri())
                .endpointPrefix("slow-")
                // More devices than the fleet has device threads: those block on the registrations whose datagrams
                // the link holds back, so the link must not wait for one of them.
                .count(20)
                .schedulerThreads(2)
                .objects(SupportedObject.FIRMWARE_UPDATE)
                .linkLatency(LATENCY)
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
    void eachAnswerTakesTheLinksLatencyUntilTheLinkIsFastAgain() throws InterruptedException {
        SimulatedDevice device = fleet.device("slow-0");

        assertThat(timeToRead()).isGreaterThanOrEqualTo(LATENCY);

        device.setLinkLatency(Duration.ZERO);
        assertThat(timeToRead()).isLessThan(LATENCY);
        assertThatThrownBy(() -> device.setLinkLatency(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    private Duration timeToRead() throws InterruptedException {
        long start = System.nanoTime();
        assertThat(server.send("slow-0", new ReadRequest(3, 0, 0)).isSuccess()).isTrue();
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
