package io.dmflow.api.fleet;

import static io.dmflow.api.process.ProcessApi.api;
import static io.dmflow.api.process.ProcessApi.executionOf;
import static io.dmflow.api.process.ProcessApi.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.api.process.DmflowProcess;
import io.dmflow.api.process.ProcessApi;
import io.dmflow.api.testing.ExternalDatabase;
import io.dmflow.simulator.delivery.PackageFormat;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.simulator.object.firmware.FirmwareState;
import io.dmflow.simulator.object.firmware.FirmwareUpdate;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The packaged application on an existing PostgreSQL server, killed with SIGKILL while 50 firmware updates are spread
 * over the steps of {@code lwm2m-firmware-update}, then started again: every update ends {@code SUCCESS} and none
 * starts over.
 * <p>
 * "Not from the beginning" means, on each device: its package arrived whole exactly once (one entry into Downloading:
 * the simulated device enters it only when the last block of a push is in), Update was executed exactly once (one
 * entry into Updating) and it rebooted once. A flow that restarted at its first step would reset the state machine
 * and push again, giving a second Downloading. An Update sent again, because the kill came after the device acted on
 * it and before dmflow recorded that, is refused by the device (4.05, outside Downloaded) and enters no second
 * Updating; the flow takes that refusal for an update under way. On dmflow's side no execution is lost,
 * none is added, and none was queued again. Runs where {@code DMFLOW_EXTERNAL_JDBC_URL} names a server, in a
 * database of its own there, dropped at the end.
 */
@EnabledIfEnvironmentVariable(named = "DMFLOW_EXTERNAL_JDBC_URL", matches = "jdbc:postgresql:.+")
class FirmwareCrashIT {

    private static final int DEVICES = 50;
    private static final int QUOTA = 10;
    private static final String OLD_VERSION = "1.0.0";
    private static final String NEW_VERSION = "2.0.0";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The devices' own requests (register, update) and how soon they retry a refused registration. */
    private static final Duration DEVICE_REQUEST_TIMEOUT = Duration.ofSeconds(3);

    /** Where a device is, from its own records. */
    private enum Phase {
        /** No package yet. */
        WAITING,
        /** The package arrived (Downloading or Downloaded), Update not executed. */
        DELIVERED,
        /** Update executed: updating or rebooting into the new firmware. */
        UPDATING,
        /** Runs the new firmware. */
        UPDATED
    }

    private record Update(String endpoint, String task, String execution) {}

    @Test
    void firmwareUpdatesInFlightWhenTheApplicationIsKilledCarryOnAndEachDeviceIsUpdatedOnce() throws Exception {
        try (ExternalDatabase database = ExternalDatabase.create("dmflow_fw_crash")) {
            run(database.environment());
        }
    }

    private void run(Map<String, String> environment) throws Exception {
        int coap = DmflowProcess.freeUdpPort();
        // The devices keep the server's address across the restart, so the port is fixed. Requests a device leaves
        // unanswered fail after seconds, and jobs held by the killed process come back soon after the restart.
        Map<String, String> properties = Map.of(
                "dmflow.lwm2m.coap.port", String.valueOf(coap),
                "dmflow.lwm2m.request-timeout", "5s",
                "dmflow.lwm2m.block-transfer-timeout", "10s",
                "dmflow.workers.job-timeout", "3s",
                "dmflow.quota.firmware", String.valueOf(QUOTA));

        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri("coap://127.0.0.1:" + coap)
                .endpointPrefix("fw-crash-")
                .count(DEVICES)
                .firmwareVersion(OLD_VERSION)
                .lifetime(Duration.ofSeconds(300))
                .requestTimeout(DEVICE_REQUEST_TIMEOUT)
                .registrationRetry(Duration.ofSeconds(1))
                .rebootDelay(Duration.ofSeconds(2))
                .build()) {
            // Devices take different times to verify and to apply a package, so the updates drift apart; seconds
            // each, so that the flows are still where they were while their steps are read just before the kill.
            for (int i = 0; i < DEVICES; i++) {
                fleet.device("fw-crash-" + i)
                        .firmware()
                        .faults()
                        .downloadDuration(Duration.ofMillis(1000 + 500L * (i % 5)))
                        .updateDuration(Duration.ofMillis(1500 + 1000L * (i % 4)));
            }
            List<Update> updates = new ArrayList<>();
            Map<Phase, Integer> atTheKill;
            try (DmflowProcess dmflow = DmflowProcess.start(properties, environment)) {
                URI http = dmflow.awaitHttp(TIMEOUT);
                awaitReady(http);
                fleet.start();
                assertThat(fleet.awaitRegisteredCount(DEVICES, TIMEOUT))
                        .as(dmflow.tail())
                        .isTrue();
                for (SimulatedDevice device : fleet.devices()) {
                    await().atMost(TIMEOUT)
                            .until(() -> "online"
                                    .equals(api(http)
                                            .get("/api/devices/{endpoint}", device.endpoint())
                                            .then()
                                            .extract()
                                            .path("state")));
                }
                api(http)
                        .contentType(ContentType.BINARY)
                        .body(PackageFormat.build("dmflow-fw", NEW_VERSION, 3000))
                        .put("/api/resources/fw-crash-image/data?category=firmware")
                        .then()
                        .statusCode(201);
                // Submitted side by side, so that the 50 flows start within a second: one after another the
                // submissions took seconds while the first updates ran to their end, and a kill that waited for the
                // devices to spread out found most flows done and the rest at one or two steps.
                ExecutorService submitters = Executors.newFixedThreadPool(10);
                try {
                    List<Future<Update>> submitted = new ArrayList<>();
                    for (SimulatedDevice device : fleet.devices()) {
                        submitted.add(submitters.submit(() -> submit(http, device.endpoint())));
                    }
                    for (Future<Update> update : submitted) {
                        updates.add(update.get());
                    }
                } finally {
                    submitters.shutdownNow();
                }

                // The kill lands when updates are at every stage: some not begun (waiting for a quota slot), some
                // with the package on the device, some updating or rebooting, some done.
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> spread(phases(fleet)));
                atTheKill = phases(fleet);
                Map<String, Integer> steps = steps(http, updates);
                dmflow.handle().destroyForcibly();
                dmflow.handle().onExit().get();
                System.out.printf("FirmwareCrashIT: killed with devices %s and flows at %s%n", atTheKill, steps);
                assertThat(steps.keySet().stream().filter(step -> !step.equals("(none)")))
                        .as("distinct steps the flows were at")
                        .hasSizeGreaterThanOrEqualTo(3);
            }

            try (DmflowProcess dmflow = DmflowProcess.start(properties, environment)) {
                URI http = dmflow.awaitHttp(TIMEOUT);
                awaitReady(http);
                long restartedAt = System.nanoTime();
                // The new process finds the registrations its predecessor kept: a device's update is the contact
                // the waiting flows wait for. Rebooting devices register by themselves.
                for (SimulatedDevice device : fleet.devices()) {
                    if (device.isRegistered()) {
                        device.triggerRegistrationUpdate();
                    }
                }
                for (Update update : updates) {
                    await().atMost(TIMEOUT)
                            .untilAsserted(() -> assertThat(status(http, update.execution()))
                                    .as(() -> update + "\n"
                                            + api(http)
                                                    .get("/api/executions/{id}", update.execution())
                                                    .asString()
                                            + "\n" + dmflow.tail())
                                    .isIn("SUCCESS", "WARNING", "ERROR", "CANCELLED"));
                }
                System.out.printf(
                        "FirmwareCrashIT: %d updates ended %d ms after the restart%n",
                        DEVICES,
                        Duration.ofNanos(System.nanoTime() - restartedAt).toMillis());

                JsonPath all = api(http)
                        .queryParam("size", 1000)
                        .get("/api/executions")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                assertThat(all.getInt("totalItems"))
                        .as("no execution lost or added")
                        .isEqualTo(DEVICES);
                assertThat(all.getList("items.id", String.class))
                        .containsExactlyInAnyOrderElementsOf(
                                updates.stream().map(Update::execution).toList());
                for (Update update : updates) {
                    JsonPath execution = api(http)
                            .get("/api/executions/{id}", update.execution())
                            .then()
                            .extract()
                            .jsonPath();
                    assertThat(execution.getString("status"))
                            .as("%s: %s", update.endpoint(), execution.getString("details"))
                            .isEqualTo("SUCCESS");
                    assertThat(execution.getList("history.status", String.class))
                            .as("%s was not queued again", update.execution())
                            .containsOnlyOnce("QUEUED")
                            .endsWith("SUCCESS");
                    SimulatedDevice device = fleet.device(update.endpoint());
                    FirmwareUpdate firmware = device.firmware();
                    assertThat(device.deviceObject().firmwareVersion()).isEqualTo(NEW_VERSION);
                    assertThat(entries(firmware, FirmwareState.DOWNLOADING))
                            .as("%s: packages received whole (%s)", update.endpoint(), firmware.stateHistory())
                            .isEqualTo(1);
                    assertThat(entries(firmware, FirmwareState.UPDATING))
                            .as("%s: Update executions (%s)", update.endpoint(), firmware.stateHistory())
                            .isEqualTo(1);
                    assertThat(device.rebootCount())
                            .as("%s: reboots", update.endpoint())
                            .isEqualTo(1);
                }
                assertThat(dmflow.output())
                        .as("no job was handed out twice")
                        .noneMatch(line -> line.contains("Could not report job"));
                dmflow.terminate(Duration.ofSeconds(30));
            }
        }
    }

    private static Update submit(URI http, String endpoint) {
        String task = ProcessApi.submit(http, """
                {"type": "Lwm2mFirmwareUpdateTask", "target": {"device": "%s"},
                 "properties": {"resourceId": "fw-crash-image", "useQuota": "true", "statePollInterval": "PT1S"}}""".formatted(endpoint));
        String execution = executionOf(http, task);
        return new Update(endpoint, task, execution);
    }

    private static Map<Phase, Integer> phases(SimulatedFleet fleet) {
        Map<Phase, Integer> phases = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            phases.put(phase, 0);
        }
        for (SimulatedDevice device : fleet.devices()) {
            phases.merge(phase(device), 1, Integer::sum);
        }
        return phases;
    }

    private static Phase phase(SimulatedDevice device) {
        if (NEW_VERSION.equals(device.deviceObject().firmwareVersion())) {
            return Phase.UPDATED;
        }
        FirmwareUpdate firmware = device.firmware();
        if (entries(firmware, FirmwareState.UPDATING) > 0) {
            return Phase.UPDATING;
        }
        return entries(firmware, FirmwareState.DOWNLOADING) > 0 ? Phase.DELIVERED : Phase.WAITING;
    }

    /**
     * At least three of the four stages are occupied and at least three updates are in the middle (package on the
     * device or Update executed). All four at once is not asked for: a slot is given back at Downloaded, so the
     * last waiters may start before the first device runs its new firmware.
     */
    private static boolean spread(Map<Phase, Integer> phases) {
        long occupied = phases.values().stream().filter(count -> count > 0).count();
        return occupied >= 3 && phases.get(Phase.DELIVERED) + phases.get(Phase.UPDATING) >= 3;
    }

    /** How many flows are at each step (BPMN element name), as dmflow reports it. */
    private static Map<String, Integer> steps(URI http, List<Update> updates) {
        Map<String, Integer> steps = new TreeMap<>();
        for (Update update : updates) {
            List<String> active = api(http)
                    .get("/api/executions/{id}", update.execution())
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("activeElements.elementName", String.class);
            String at = active == null || active.isEmpty() ? "(none)" : String.join(" + ", active);
            steps.merge(at, 1, Integer::sum);
        }
        return steps;
    }

    private static long entries(FirmwareUpdate firmware, FirmwareState state) {
        return firmware.stateHistory().stream().filter(s -> s == state).count();
    }

    private static void awaitReady(URI http) {
        await().atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> "UP"
                        .equals(api(http)
                                .get("/q/health/ready")
                                .then()
                                .extract()
                                .path("status")));
    }
}
