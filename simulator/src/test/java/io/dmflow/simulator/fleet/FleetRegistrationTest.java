package io.dmflow.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.simulator.testing.TestLwM2mServer;
import java.time.Duration;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ReadResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FleetRegistrationTest {

    static TestLwM2mServer server;

    @BeforeAll
    static void startServer() {
        server = TestLwM2mServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aFleetRegistersAndEveryDeviceAnswersReads() throws Exception {
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri())
                .endpointPrefix("reg-")
                .count(200)
                .build()) {
            fleet.start().awaitRegistered(Duration.ofSeconds(30));

            assertThat(fleet.registeredCount()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.registrationCount() >= 200);
            for (SimulatedDevice device : fleet.devices()) {
                ReadResponse manufacturer = server.send(device.endpoint(), new ReadRequest(3, 0, 0));
                assertThat(manufacturer.isSuccess()).as(device.endpoint()).isTrue();
                assertThat(((LwM2mSingleResource) manufacturer.getContent()).getValue())
                        .isEqualTo("dmflow");
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> server.registrationCount() == 0);
    }

    @Test
    void everySimulatedObjectCanBeRead() throws Exception {
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri())
                .endpoint("objects-1")
                .build()) {
            fleet.start().awaitRegistered(Duration.ofSeconds(10));

            for (int objectId : new int[] {1, 3, 4, 5, 6, 9, 3303}) {
                ReadResponse response = server.send("objects-1", new ReadRequest(objectId, 0));
                assertThat(response.isSuccess())
                        .as("read /%d/0: %s", objectId, response)
                        .isTrue();
                assertThat(((LwM2mObjectInstance) response.getContent()).getResources())
                        .isNotEmpty();
            }
            assertThat(server.registration("objects-1").getSortedObjectLinks()).isNotEmpty();
        }
    }

    @Test
    void lifetimeChangesAndUpdatesReachTheServer() throws Exception {
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri())
                .endpoint("lifetime-1")
                .lifetime(Duration.ofMinutes(10))
                .build()) {
            SimulatedDevice device =
                    fleet.start().awaitRegistered(Duration.ofSeconds(10)).device();
            assertThat(server.registration("lifetime-1").getLifeTimeInSec()).isEqualTo(600);

            device.changeLifetime(Duration.ofSeconds(120));

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.registration("lifetime-1").getLifeTimeInSec() == 120);
            int updates = device.updateCount();
            device.triggerRegistrationUpdate();
            await().atMost(Duration.ofSeconds(5)).until(() -> device.updateCount() > updates);
        }
    }

    @Test
    void anOfflineDeviceTimesOutAndComesBackWithAnUpdate() throws Exception {
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri())
                .endpoint("offline-1")
                .build()) {
            SimulatedDevice device =
                    fleet.start().awaitRegistered(Duration.ofSeconds(10)).device();

            device.goOffline();
            ReadResponse lost = server.send("offline-1", new ReadRequest(3, 0, 0), 1_000);
            assertThat(lost).as("no answer while offline").isNull();

            int updates = device.updateCount();
            device.comeBack();
            await().atMost(Duration.ofSeconds(5)).until(() -> device.updateCount() > updates);
            assertThat(server.send("offline-1", new ReadRequest(3, 0, 0)).isSuccess())
                    .isTrue();
        }
    }

    @Test
    void rebootDeregistersAndRegistersAgain() throws Exception {
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri())
                .endpoint("reboot-1")
                .build()) {
            SimulatedDevice device =
                    fleet.start().awaitRegistered(Duration.ofSeconds(10)).device();
            device.setRebootDelay(Duration.ofMillis(1500));
            String firstRegistration = server.registration("reboot-1").getId();

            assertThat(server.send("reboot-1", new org.eclipse.leshan.core.request.ExecuteRequest(3, 0, 4))
                            .isSuccess())
                    .isTrue();
            await().atMost(Duration.ofSeconds(2)).until(() -> !device.isRegistered());
            // A quiet period is the point: the device stays down, unknown to the server, within its reboot delay.
            await().during(Duration.ofMillis(700))
                    .atMost(Duration.ofMillis(1200))
                    .until(() ->
                            device.isRebooting() && !device.isRegistered() && server.registration("reboot-1") == null);

            await().atMost(Duration.ofSeconds(5)).until(() -> device.rebootCount() == 1 && device.isRegistered());
            assertThat(server.unregisteredEndpoints()).contains("reboot-1");
            assertThat(device.registrationCount()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.registration("reboot-1") != null
                            && !server.registration("reboot-1").getId().equals(firstRegistration));
        }
    }

    @Test
    void afterAServerLosesItsRegistrationsTheNextUpdateRegistersAnew() throws Exception {
        TestLwM2mServer first = TestLwM2mServer.start();
        int port = java.net.URI.create(first.coapUri()).getPort();
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(first.coapUri())
                .endpoint("restart-1")
                .objects()
                .build()) {
            SimulatedDevice device =
                    fleet.start().awaitRegistered(Duration.ofSeconds(10)).device();
            first.close();

            try (TestLwM2mServer restarted = TestLwM2mServer.startOnPort(port)) {
                device.triggerRegistrationUpdate(); // answered 4.04 by the new server: the device registers again

                // the device side first: the server knows the registration a moment before the device has its 2.01
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> device.registrationCount() == 2 && device.isRegistered());
                assertThat(device.failedUpdateCount())
                        .as("the 4.04 to the update")
                        .isEqualTo(1);
                assertThat(device.failedRegistrationCount()).isZero();
                assertThat(restarted.registration("restart-1")).isNotNull();
                assertThat(restarted.send("restart-1", new ReadRequest(3, 0, 0)).isSuccess())
                        .isTrue();
            }
        }
    }

    @Test
    void registrationAttemptsNobodyAnswersAreCountedAndRetried() {
        TestLwM2mServer gone = TestLwM2mServer.start();
        String uri = gone.coapUri();
        gone.close();
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(uri)
                .endpoint("unanswered-1")
                .objects()
                .requestTimeout(Duration.ofMillis(500))
                .registrationRetry(Duration.ofMillis(200))
                .build()) {
            SimulatedDevice device = fleet.start().device();

            await().atMost(Duration.ofSeconds(10)).until(() -> device.failedRegistrationCount() >= 2);
            assertThat(device.isRegistered()).isFalse();
            assertThat(device.registrationCount()).isZero();
            assertThat(device.failedUpdateCount()).isZero();
        }
    }
}
