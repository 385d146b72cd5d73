package io.dmflow.lwm2m.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.lwm2m.server.ServerSettings;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.fleet.SupportedObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The cap on one device's reports is the server's setting: a device notifying every millisecond is heard at the
 * configured rate, not at the default one.
 */
class ReportCapTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int PER_SECOND = 5;

    @Test
    void aDeviceNotifyingEveryMillisecondIsHeardAtTheConfiguredRate() throws Exception {
        DeviceManagementServer server = DeviceManagementServer.builder(ServerSettings.loopback())
                .reportsPerDeviceAndSecond(PER_SECOND)
                .build();
        List<Long> heardAtNanos = new CopyOnWriteArrayList<>();
        server.addListener(new DeviceEventListener() {
            @Override
            public void notified(DeviceRegistration registration, DeviceValue value) {
                heardAtNanos.add(System.nanoTime());
            }
        });
        server.start();
        try (SimulatedFleet flooding = SimulatedFleet.builder()
                .serverUri(server.coapUri().orElseThrow().toString())
                .endpoint("flooding")
                .objects(SupportedObject.TEMPERATURE)
                .sensorPeriod(Duration.ofMillis(1))
                .build()
                .start()
                .awaitRegistered(TIMEOUT)) {
            server.observations().observe("flooding", "/3303/0/5700").get(5, TimeUnit.SECONDS);

            int heard = 2 * PER_SECOND + 1;
            await().atMost(TIMEOUT).until(() -> heardAtNanos.size() >= heard);
            // At most PER_SECOND a second: the (2 * PER_SECOND + 1)th value comes in the third second at the earliest.
            // At the default cap of 20 it would come within the first.
            long spanMillis = (heardAtNanos.get(heard - 1) - heardAtNanos.get(0)) / 1_000_000;
            assertThat(spanMillis)
                    .as("milliseconds from the first to the %dth value heard", heard)
                    .isGreaterThanOrEqualTo(1_500);
        } finally {
            server.close();
        }
    }
}
