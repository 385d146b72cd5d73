package io.dmflow.simulator.object.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.fleet.SupportedObject;
import io.dmflow.simulator.testing.TestLwM2mServer;
import java.time.Duration;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeSet;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributes;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.WriteAttributesRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TemperatureObserveTest {

    static TestLwM2mServer server;
    static SimulatedFleet fleet;

    @BeforeAll
    static void start() {
        server = TestLwM2mServer.start();
        fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri())
                .endpointPrefix("temp-")
                .count(2)
                .objects(SupportedObject.TEMPERATURE)
                .sensorPeriod(Duration.ofMillis(100))
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
    void observedTemperatureIsNotifiedAsItChanges() throws Exception {
        assertThat(server.send("temp-0", new ObserveRequest(3303, 0, 5700)).isSuccess())
                .isTrue();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> server.notificationsFrom("temp-0").size() >= 3);
        double last = (Double) ((LwM2mSingleResource) server.notificationsFrom("temp-0")
                        .get(server.notificationsFrom("temp-0").size() - 1)
                        .getContent())
                .getValue();
        assertThat(last).isBetween(-40.0, 85.0);
    }

    @Test
    void aDeviceSendsItsTemperatureWithTheSendOperation() {
        fleet.device("temp-0").temperature().set(23.5);

        assertThat(fleet.device("temp-0").sendData("/3303/0/5700")).isTrue();

        // the server's listener may run just after the device has its acknowledgement
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(server.sentData()).anySatisfy(sent -> {
                    assertThat(sent.endpoint()).isEqualTo("temp-0");
                    assertThat(sent.data().getFlattenNodes()).containsKey(new LwM2mPath(3303, 0, 5700));
                }));
    }

    @Test
    void aGreaterThanThresholdNotifiesOnlyWhenCrossed() throws Exception {
        LwM2mAttributeSet above30 = new LwM2mAttributeSet(LwM2mAttributes.create(LwM2mAttributes.GREATER_THAN, 30.0));
        assertThat(server.send("temp-1", new WriteAttributesRequest(3303, 0, 5700, above30))
                        .isSuccess())
                .isTrue();
        assertThat(server.send("temp-1", new ObserveRequest(3303, 0, 5700)).isSuccess())
                .isTrue();

        // A quiet period is the point: six ticks of ±0.5 °C around 21 °C cannot reach 30 °C, so nothing is notified.
        await().during(Duration.ofMillis(600))
                .atMost(Duration.ofSeconds(2))
                .until(() -> server.notificationsFrom("temp-1").isEmpty());

        fleet.device("temp-1").temperature().set(45);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> !server.notificationsFrom("temp-1").isEmpty());
        double notified = (Double)
                ((LwM2mSingleResource) server.notificationsFrom("temp-1").get(0).getContent()).getValue();
        assertThat(notified).isGreaterThan(30);
    }
}
