package io.dmflow.lwm2m.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.lwm2m.event.DeviceEventListener;
import io.dmflow.lwm2m.event.DeviceRegistration;
import io.dmflow.lwm2m.event.DeviceValue;
import io.dmflow.lwm2m.observation.CancelType;
import io.dmflow.lwm2m.observation.DeviceObservations;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.lwm2m.server.ServerInternals;
import io.dmflow.lwm2m.server.ServerSettings;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.fleet.SupportedObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every operation over real UDP on loopback, against simulated devices. */
class DeviceOperationsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static DeviceManagementServer server;
    private static DeviceClient operations;
    private static DeviceObservations observations;
    private static SimulatedFleet fleet;
    private static final List<DeviceValue> notifications = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        server = DeviceManagementServer.builder(ServerSettings.loopback())
                .timeouts(new OperationTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30)))
                .build();
        server.addListener(new DeviceEventListener() {
            @Override
            public void notified(DeviceRegistration registration, DeviceValue value) {
                notifications.add(value);
            }
        });
        server.start();
        operations = server.operations();
        observations = server.observations();
        fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri().orElseThrow())
                .endpointPrefix("ops-")
                .count(6)
                .objects(SupportedObject.values())
                .manufacturer("Acme")
                .sensorPeriod(Duration.ofMillis(200))
                .build()
                .start()
                .awaitRegistered(TIMEOUT);
    }

    @AfterAll
    static void stop() {
        fleet.close();
        server.close();
    }

    private static <T> T done(CompletableFuture<T> future) throws Exception {
        return future.get(TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
    }

    private static OperationFailure failure(CompletableFuture<?> future) {
        try {
            future.get(TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(OperationFailure.class);
            return (OperationFailure) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the operation to fail");
    }

    private static List<DeviceValue> notificationsOf(String endpoint, String path) {
        return notifications.stream()
                .filter(value ->
                        value.endpoint().equals(endpoint) && value.path().equals(path))
                .toList();
    }

    /**
     * A quiet period is the point: for 3 s no notification received after {@code cancelled} reaches the listeners,
     * where pmax would have brought one at least every 2 s. One received before the cancel may still be on its way
     * to them, and is not counted.
     */
    private static void assertNothingNotifiedAfter(String endpoint, String path, Instant cancelled) {
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> notificationsOf(endpoint, path).stream()
                        .noneMatch(value -> value.at().isAfter(cancelled)));
    }

    @Test
    void readsByPathAndByNameGiveTheSameValue() throws Exception {
        assertThat(done(operations.read("ops-0", "/3/0/0")).value()).isEqualTo("Acme");
        assertThat(done(operations.read("ops-0", "Device.0.Manufacturer")).value())
                .isEqualTo("Acme");
        assertThat(done(operations.read("ops-0", "Firmware Update.0.State")).value())
                .isEqualTo(0L);
        assertThat(done(operations.read("ops-0", "Temperature.0.Sensor Value")).value())
                .isInstanceOf(Double.class);
    }

    @Test
    void readsInEveryContentFormat() throws Exception {
        for (DataFormat format : List.of(DataFormat.TLV, DataFormat.SENML_JSON, DataFormat.SENML_CBOR)) {
            Object instance = done(operations.read("ops-0", "/3/0", format)).value();
            assertThat(instance).as(format.name()).isInstanceOf(Map.class);
            assertThat(((Map<?, ?>) instance).get("0")).as(format.name()).isEqualTo("Acme");
        }
        assertThat(done(operations.read("ops-0", "/3/0/0", DataFormat.TEXT)).value())
                .isEqualTo("Acme");
        Object object =
                done(operations.read("ops-0", "/3", DataFormat.SENML_JSON)).value();
        assertThat(((Map<?, ?>) object).keySet().toString()).isEqualTo("[0]");
        Object errors = done(operations.read("ops-0", "/3/0/11")).value();
        assertThat(errors).isInstanceOf(Map.class);
    }

    @Test
    void writesReplaceAResourceAndUpdateAnInstancePartially() throws Exception {
        done(operations.write("ops-1", "Device.0.Timezone", "Europe/Warsaw", WriteMode.REPLACE));
        assertThat(done(operations.read("ops-1", "/3/0/15")).value()).isEqualTo("Europe/Warsaw");

        done(operations.write("ops-1", "/3/0", Map.of("14", "+01:00", "Timezone", "Europe/Paris"), WriteMode.UPDATE));
        assertThat(done(operations.read("ops-1", "/3/0/14")).value()).isEqualTo("+01:00");
        assertThat(done(operations.read("ops-1", "/3/0/15")).value()).isEqualTo("Europe/Paris");

        Instant time = Instant.parse("2030-01-02T03:04:05Z");
        done(operations.write("ops-1", "/3/0/13", time.toString(), WriteMode.REPLACE));
        Instant read =
                Instant.parse((String) done(operations.read("ops-1", "/3/0/13")).value());
        assertThat(Duration.between(time, read).abs()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedBeforeAnythingIsSent() {
        OperationFailure failure = failure(operations.write("ops-1", "/3/0/13", "next tuesday", WriteMode.REPLACE));
        assertThat(failure)
                .isInstanceOf(InvalidOperation.class)
                .hasMessageContaining("next tuesday")
                .hasMessageContaining("Current Time");
    }

    @Test
    void executeRebootsTheDeviceAndArgumentsAreChecked() throws Exception {
        SimulatedDevice device = fleet.device("ops-2");
        int reboots = device.rebootCount();
        done(operations.execute("ops-2", "Device.0.Reboot", null));
        await().atMost(TIMEOUT).until(() -> device.rebootCount() == reboots + 1);
        await().atMost(TIMEOUT).until(device::isRegistered);

        assertThat(failure(operations.execute("ops-2", "/3/0/4", "0='unterminated")))
                .isInstanceOf(InvalidOperation.class)
                .hasMessageContaining("Invalid arguments");
        assertThat(failure(operations.execute("ops-2", "/3/0", null)))
                .isInstanceOf(InvalidOperation.class)
                .hasMessageContaining("does not name a resource");
    }

    @Test
    void executeWithArgumentsReachesTheDevice() throws Exception {
        await().atMost(TIMEOUT).until(() -> fleet.device("ops-5").isRegistered());
        done(operations.execute("ops-5", "Temperature.0.Reset Min and Max Measured Values", "0='now',1"));
    }

    @Test
    void discoverShowsAttributesWrittenBefore() throws Exception {
        done(operations.writeAttributes(
                "ops-3", "/3303/0/5700", new NotificationAttributes(3L, 30L, null, null, null, null, null, null)));
        List<DiscoveredLink> links = done(operations.discover("ops-3", "/3303/0"));
        assertThat(links).extracting(DiscoveredLink::path).contains("/3303/0", "/3303/0/5700");
        DiscoveredLink sensor = links.stream()
                .filter(link -> link.path().equals("/3303/0/5700"))
                .findFirst()
                .orElseThrow();
        assertThat(sensor.attributes()).containsEntry("pmin", "3").containsEntry("pmax", "30");

        done(operations.writeAttributes(
                "ops-3",
                "/3303/0/5700",
                new NotificationAttributes(null, null, null, null, null, null, null, java.util.Set.of("pmax"))));
        DiscoveredLink cleared = done(operations.discover("ops-3", "/3303/0")).stream()
                .filter(link -> link.path().equals("/3303/0/5700"))
                .findFirst()
                .orElseThrow();
        assertThat(cleared.attributes()).containsEntry("pmin", "3").doesNotContainKey("pmax");
    }

    @Test
    void observationHonoursPminAndPmaxAndImmediateCancelStopsIt() throws Exception {
        String endpoint = "ops-4";
        String path = "/3303/0/5700";
        done(operations.writeAttributes(
                endpoint, path, new NotificationAttributes(1L, 2L, null, null, null, null, null, null)));
        ReadResult first = done(observations.observe(endpoint, path));
        assertThat(first.value()).isInstanceOf(Double.class);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> notificationsOf(endpoint, path).size() >= 5);
        List<DeviceValue> values = notificationsOf(endpoint, path);
        for (int i = 1; i < values.size(); i++) {
            Duration gap =
                    Duration.between(values.get(i - 1).at(), values.get(i).at());
            // pmin 1 s: the sensor changes every 200 ms, yet no two notifications come closer than pmin allows.
            assertThat(gap).as("gap %d", i).isGreaterThan(Duration.ofMillis(800));
            assertThat(gap).as("gap %d", i).isLessThan(Duration.ofMillis(3500));
        }

        done(observations.cancelObservation(endpoint, path, CancelType.IMMEDIATE));
        assertNothingNotifiedAfter(endpoint, path, Instant.now());
    }

    @Test
    void stepAndThresholdAttributesDecideWhenToNotify() throws Exception {
        String endpoint = "ops-5";
        String path = "/3303/0/5700";
        SimulatedDevice device = fleet.device(endpoint);
        await().atMost(TIMEOUT).until(device::isRegistered);
        device.temperature().set(10.0);
        done(operations.writeAttributes(
                endpoint,
                path,
                new NotificationAttributes(null, 60L, new java.math.BigDecimal("50"), null, null, null, null, null)));
        done(observations.observe(endpoint, path));
        int before = notificationsOf(endpoint, path).size();
        device.temperature().set(80.0);
        await().atMost(TIMEOUT)
                .until(() -> notificationsOf(endpoint, path).stream().anyMatch(value -> ((Double) value.value()) > 50));
        assertThat(notificationsOf(endpoint, path).size()).isGreaterThan(before);
        done(observations.cancelObservation(endpoint, path, CancelType.LAZY));
    }

    @Test
    void lazyCancelForgetsTheObservationAndTheDeviceIsToldOnItsNextNotification() throws Exception {
        String endpoint = "ops-0";
        String path = "/3303/0/5700";
        done(operations.writeAttributes(
                endpoint, path, new NotificationAttributes(1L, 1L, null, null, null, null, null, null)));
        done(observations.observe(endpoint, path));
        await().atMost(TIMEOUT).until(() -> notificationsOf(endpoint, path).size() >= 2);

        done(observations.cancelObservation(endpoint, path, CancelType.LAZY));
        assertThat(ServerInternals.leshan(server)
                        .getObservationService()
                        .getObservations(ServerInternals.leshan(server)
                                .getRegistrationService()
                                .getByEndpoint(endpoint)))
                .isEmpty();
        assertNothingNotifiedAfter(endpoint, path, Instant.now());
    }

    @Test
    void cancelAllObservationsEndsEveryObservationOfTheDevice() throws Exception {
        String endpoint = "ops-3";
        done(observations.observe(endpoint, "/3303/0/5700"));
        done(observations.observe(endpoint, "/3/0/9"));
        assertThat(done(observations.cancelAllObservations(endpoint))).isEqualTo(2);
        assertThat(ServerInternals.leshan(server)
                        .getObservationService()
                        .getObservations(ServerInternals.leshan(server)
                                .getRegistrationService()
                                .getByEndpoint(endpoint)))
                .isEmpty();
    }

    @Test
    void createsAndDeletesObjectInstances() throws Exception {
        String created = done(operations.create("ops-1", "/9/5", Map.of()));
        assertThat(created).isEqualTo("/9/5");
        assertThat(done(operations.read("ops-1", "LWM2M Software Management.5.Update State"))
                        .value())
                .isEqualTo(0L);
        assertThat(failure(operations.create("ops-1", "/9/6", Map.of("Colour", "red"))))
                .isInstanceOf(InvalidOperation.class)
                .hasMessageContaining("'Colour'");
        done(operations.delete("ops-1", "/9/5"));
        OperationFailure gone = failure(operations.read("ops-1", "/9/5"));
        assertThat(gone).isInstanceOf(DeviceErrorResponse.class);
        assertThat(((DeviceErrorResponse) gone).status()).isEqualTo("NOT_FOUND");
    }

    @Test
    void compositeReadAndWriteTouchSeveralResourcesAtOnce() throws Exception {
        Map<String, ReadResult> results =
                done(operations.readComposite("ops-1", List.of("Device.0.Manufacturer", "/3/0/2", "/3303/0/5700")));
        assertThat(results).containsKeys("/3/0/0", "/3/0/2", "/3303/0/5700");
        assertThat(results.get("/3/0/0").value()).isEqualTo("Acme");

        done(operations.writeComposite("ops-1", Map.of("/3/0/14", "+05:00", "/3/0/15", "Asia/Karachi")));
        assertThat(done(operations.read("ops-1", "/3/0/15")).value()).isEqualTo("Asia/Karachi");
    }

    @Test
    void deviceErrorsCarryTheirCoapStatus() {
        OperationFailure notFound = failure(operations.read("ops-1", "/3/7"));
        assertThat(notFound).isInstanceOf(DeviceErrorResponse.class);
        assertThat(((DeviceErrorResponse) notFound).status()).isEqualTo("NOT_FOUND");

        OperationFailure notAllowed = failure(operations.execute("ops-1", "/3/0/0", null));
        assertThat(notAllowed).isInstanceOf(DeviceErrorResponse.class);
        assertThat(((DeviceErrorResponse) notAllowed).status()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(notAllowed).hasMessageContaining("4.05");
    }

    @Test
    void anUnknownKeyIsAClearErrorNamingIt() {
        assertThat(failure(operations.read("ops-1", "Device.0.Colour")))
                .isInstanceOf(InvalidOperation.class)
                .hasMessageContaining("Device.0.Colour")
                .hasMessageContaining("no resource 'Colour'");
        assertThat(failure(operations.read("ops-1", "/4242/0/1")))
                .isInstanceOf(InvalidOperation.class)
                .hasMessageContaining("4242");
    }

    @Test
    void anUnregisteredDeviceIsADownlinkFailure() {
        OperationFailure failure = failure(operations.read("nobody", "/3/0/0"));
        assertThat(failure).isInstanceOf(DownlinkFailure.class);
        assertThat(((DownlinkFailure) failure).reason()).isEqualTo(DownlinkFailure.Reason.NOT_REGISTERED);
    }

    @Test
    void aDeviceThatStopsAnsweringTimesOutWithoutStallingOthers() throws Exception {
        try (SimulatedFleet silent = SimulatedFleet.builder()
                .serverUri(server.coapUri().orElseThrow())
                .endpoint("silent-1")
                .build()
                .start()
                .awaitRegistered(TIMEOUT)) {
            silent.device().goOffline();
            long started = System.nanoTime();
            // Three requests queue for the silent device: paced one at a time, the last ends about 6 s from now.
            List<CompletableFuture<ReadResult>> stalled = IntStream.range(0, 3)
                    .mapToObj(i -> operations.read("silent-1", "/3/0/0"))
                    .toList();
            List<CompletableFuture<ReadResult>> others = IntStream.range(0, 20)
                    .mapToObj(i -> operations.read("ops-" + (i % 2), "/3/0/1"))
                    .toList();
            for (CompletableFuture<ReadResult> other : others) {
                done(other);
            }
            assertThat(stalled.get(2))
                    .as("others are served while the silent device's requests wait")
                    .isNotDone();
            for (CompletableFuture<ReadResult> read : stalled) {
                OperationFailure failure = failure(read);
                assertThat(failure).isInstanceOf(DownlinkFailure.class);
                assertThat(((DownlinkFailure) failure).reason()).isEqualTo(DownlinkFailure.Reason.TIMEOUT);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(5800));
        }
    }

    @Test
    void aSleepingDeviceIsADownlinkFailureUntilItWakes() throws Exception {
        try (SimulatedFleet sleepy = SimulatedFleet.builder()
                .serverUri(server.coapUri().orElseThrow())
                .endpoint("sleepy-1")
                .queueMode(Duration.ofSeconds(1))
                .build()
                .start()
                .awaitRegistered(TIMEOUT)) {
            // The loopback server counts a queue-mode device asleep 2 s after its last message.
            await().atMost(Duration.ofSeconds(6))
                    .until(() -> !ServerInternals.leshan(server)
                            .getPresenceService()
                            .isClientAwake(ServerInternals.leshan(server)
                                    .getRegistrationService()
                                    .getByEndpoint("sleepy-1")));
            OperationFailure failure = failure(operations.read("sleepy-1", "/3/0/0"));
            assertThat(failure).isInstanceOf(DownlinkFailure.class).hasMessageContaining("sleeping");
            assertThat(((DownlinkFailure) failure).reason()).isEqualTo(DownlinkFailure.Reason.SLEEPING);

            sleepy.device().triggerRegistrationUpdate();
            await().atMost(TIMEOUT)
                    .until(() -> ServerInternals.leshan(server)
                            .getPresenceService()
                            .isClientAwake(ServerInternals.leshan(server)
                                    .getRegistrationService()
                                    .getByEndpoint("sleepy-1")));
            assertThat(done(operations.read("sleepy-1", "/3/0/0")).value()).isNotNull();
        }
    }

    @Test
    void aStepAttributeNotifiesOnlyOnALargeEnoughChange() throws Exception {
        String endpoint = "ops-2";
        String path = "/3303/0/5700";
        SimulatedDevice device = fleet.device(endpoint);
        await().atMost(TIMEOUT).until(device::isRegistered);
        device.temperature().set(20.0);
        done(operations.writeAttributes(
                endpoint,
                path,
                new NotificationAttributes(null, 60L, null, null, new java.math.BigDecimal("10"), null, null, null)));
        done(observations.observe(endpoint, path));
        // A quiet period is the point: the sensor drifts by fractions of a degree every 200 ms, far below the step
        // of 10, so ten ticks go by without a notification.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> notificationsOf(endpoint, path).isEmpty());
        device.temperature().set(45.0);
        await().atMost(TIMEOUT).until(() -> !notificationsOf(endpoint, path).isEmpty());
        done(observations.cancelObservation(endpoint, path, CancelType.IMMEDIATE));
    }

    @Test
    void valuesADeviceSendsReachTheListeners() throws Exception {
        List<DeviceValue> sent = new CopyOnWriteArrayList<>();
        DeviceEventListener listener = new DeviceEventListener() {
            @Override
            public void sent(DeviceRegistration registration, List<DeviceValue> values) {
                sent.addAll(values);
            }
        };
        server.addListener(listener);
        try {
            assertThat(fleet.device("ops-3").sendData("/3303/0/5700", "/3/0/9")).isTrue();
            await().atMost(TIMEOUT).until(() -> sent.size() >= 2);
            assertThat(sent).extracting(DeviceValue::path).contains("/3303/0/5700", "/3/0/9");
            assertThat(sent).allMatch(value -> value.endpoint().equals("ops-3"));
        } finally {
            server.removeListener(listener);
        }
    }

    @Test
    void manyRequestsToOneDeviceAreServedInTurn() throws Exception {
        List<CompletableFuture<ReadResult>> reads = IntStream.range(0, 30)
                .mapToObj(i -> operations.read("ops-1", "/3/0/" + (i % 3)))
                .toList();
        for (CompletableFuture<ReadResult> read : reads) {
            assertThat(done(read).value()).isNotNull();
        }
    }
}
