package io.dmflow.api.process;

import static io.dmflow.api.process.EmbeddedDatabaseLifecycleIT.awaitReady;
import static io.dmflow.api.process.ProcessApi.api;
import static io.dmflow.api.process.ProcessApi.executionOf;
import static io.dmflow.api.process.ProcessApi.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged application killed with SIGKILL while 20 executions are in flight, then started again on the
 * same database: every execution carries on where it was and ends {@code SUCCESS}, none runs again from its
 * first step, none is lost and none appears twice. At the kill, 5 executions wait for a device that lost its
 * network in the middle of the task (its write failed with {@code DOWNLINK_FAILURE}), 5 wait for their device's
 * next contact ({@code <wait/>}), 6 are in progress in a timer between two device writes, and 4 are in progress
 * in a write to a device that does not answer (the job is held by the workers that die).
 */
class TaskCrashIT {

    /** The devices' own requests (register, update) and their retries after a refusal. */
    private static final Duration DEVICE_REQUEST_TIMEOUT = Duration.ofSeconds(3);
    /** The server's requests to devices: long enough for the kill to land while one waits for its answer. */
    private static final Duration SERVER_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Shorter than {@link #SERVER_REQUEST_TIMEOUT}. */
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(5);

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> STEPS = List.of("write 15 Step-One", "write 14 +02:00", "write 15 Step-Three");

    private enum Kind {
        /** Loses its network after step one, so that step two finds it unreachable: waits for its device. */
        OFFLINE("crash-offline", "<wait seconds=\"2\"/>", 5, true, "WAITING_FOR_DEVICE"),
        /** Waits for its device's next contact. */
        CONTACT("crash-contact", "<wait/>", 5, false, "WAITING_FOR_DEVICE"),
        /** In a timer that outlasts the kill: in progress, with no job held. */
        TIMER("crash-timer", "<wait seconds=\"20\"/>", 6, false, "IN_PROGRESS"),
        /** Loses its network after step one too, and the kill lands while step two's write waits for an answer. */
        IN_FLIGHT("crash-in-flight", "<wait seconds=\"2\"/>", 4, true, "IN_PROGRESS job held");

        final String template;
        final String pause;
        final int devices;
        final boolean losesNetwork;
        /** What {@link TaskCrashIT#where} says of the execution when the application is killed. */
        final String atTheKill;

        Kind(String template, String pause, int devices, boolean losesNetwork, String atTheKill) {
            this.template = template;
            this.pause = pause;
            this.devices = devices;
            this.losesNetwork = losesNetwork;
            this.atTheKill = atTheKill;
        }

        String xml() {
            return "<config>\n  <set key=\"/3/0/15\" value=\"Step-One\"/>\n  " + pause
                    + "\n  <set key=\"/3/0/14\" value=\"+02:00\"/>\n  <set key=\"/3/0/15\" value=\"Step-Three\"/>\n"
                    + "</config>";
        }
    }

    private record Flight(Kind kind, String endpoint, String task, String execution) {}

    @Test
    void executionsInFlightWhenTheApplicationIsKilledCarryOnAfterItsRestart() throws Exception {
        Path dataDirectory = Files.createTempDirectory("dmflow-it-task-crash");
        int coap = DmflowProcess.freeUdpPort();
        // The devices keep the server's address across the restart, so the port is fixed; a request to a device
        // that goes unanswered is a DOWNLINK_FAILURE after seconds instead of the default 30. The job timeout is
        // shorter than such a request: the workers must renew the jobs they hold, and the jobs the killed
        // process held come back soon after the restart.
        Map<String, String> properties = Map.of(
                "dmflow.database.embedded.data-dir",
                dataDirectory.toString(),
                "dmflow.lwm2m.coap.port",
                String.valueOf(coap),
                "dmflow.lwm2m.request-timeout",
                SERVER_REQUEST_TIMEOUT.toSeconds() + "s",
                "dmflow.workers.job-timeout",
                JOB_TIMEOUT.toSeconds() + "s");

        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri("coap://127.0.0.1:" + coap)
                .endpointPrefix("crash-")
                .count(20)
                .lifetime(Duration.ofSeconds(300))
                .requestTimeout(DEVICE_REQUEST_TIMEOUT)
                .registrationRetry(Duration.ofSeconds(1))
                .build()) {
            List<Flight> flights;
            try (DmflowProcess dmflow = DmflowProcess.start(properties, Map.of())) {
                URI http = dmflow.awaitHttp(TIMEOUT);
                awaitReady(http);
                fleet.start();
                assertThat(fleet.awaitRegisteredCount(20, TIMEOUT))
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
                for (Kind kind : Kind.values()) {
                    api(http)
                            .contentType(ContentType.XML)
                            .body(kind.xml())
                            .put("/api/templates/{name}", kind.template)
                            .then()
                            .statusCode(201);
                }

                // Each group is brought to where it should be at the kill before the next starts; the timers of
                // TIMER outlast what follows, and IN_FLIGHT's write waits for an answer when the kill comes.
                flights = new ArrayList<>();
                for (Kind kind : Kind.values()) {
                    List<Flight> group = launch(http, fleet, kind, flights.size());
                    for (Flight flight : group) {
                        await().atMost(TIMEOUT)
                                .untilAsserted(() -> assertThat(where(http, flight))
                                        .as(() -> flight + "\n" + dmflow.tail())
                                        .isEqualTo(kind.atTheKill));
                    }
                    flights.addAll(group);
                }
                assertThat(flights).hasSize(fleet.size());
                for (Flight flight : flights) {
                    assertThat(where(http, flight)).as(flight.toString()).isEqualTo(flight.kind().atTheKill);
                    assertThat(fleet.device(flight.endpoint()).deviceObject().operationJournal())
                            .as(flight.endpoint())
                            .containsExactly(STEPS.get(0));
                }
                assertNoJobHandedOutTwice(dmflow);

                dmflow.handle().destroyForcibly();
                dmflow.handle().onExit().get();
            }

            try (DmflowProcess dmflow = DmflowProcess.start(properties, Map.of())) {
                URI http = dmflow.awaitHttp(TIMEOUT);
                awaitReady(http);
                long restartedAt = System.nanoTime();
                // The server forgot the registrations; each device's next update is refused with 4.04 and it
                // registers again, which is the contact the waiting flows wait for.
                for (Flight flight : flights) {
                    SimulatedDevice device = fleet.device(flight.endpoint());
                    if (device.isOffline()) {
                        device.comeBack();
                    } else {
                        device.triggerRegistrationUpdate();
                    }
                }
                for (Flight flight : flights) {
                    awaitStatus(dmflow, http, flight, "SUCCESS");
                }
                System.out.printf(
                        "20 executions in flight at the kill ended SUCCESS %d ms after the restart%n",
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
                        .isEqualTo(20);
                assertThat(all.getList("items.id", String.class))
                        .containsExactlyInAnyOrderElementsOf(
                                flights.stream().map(Flight::execution).toList());
                for (Flight flight : flights) {
                    assertThat(fleet.device(flight.endpoint()).deviceObject().operationJournal())
                            .as("%s (%s): each step once, in order", flight.endpoint(), flight.kind())
                            .containsExactlyElementsOf(STEPS);
                    List<String> history = api(http)
                            .get("/api/executions/{id}", flight.execution())
                            .then()
                            .extract()
                            .path("history.status");
                    assertThat(history)
                            .as("%s was not queued again", flight.execution())
                            .containsOnlyOnce("QUEUED")
                            .endsWith("SUCCESS");
                    assertThat(api(http)
                                    .queryParam("task", flight.task())
                                    .get("/api/executions")
                                    .then()
                                    .extract()
                                    .<Integer>path("totalItems"))
                            .isEqualTo(1);
                }
                assertNoJobHandedOutTwice(dmflow);
                dmflow.terminate(Duration.ofSeconds(30));
            }
        }
    }

    private static List<Flight> launch(URI http, SimulatedFleet fleet, Kind kind, int firstIndex) {
        List<Flight> flights = new ArrayList<>();
        for (int i = firstIndex; i < firstIndex + kind.devices; i++) {
            String endpoint = "crash-" + i;
            String task = ProcessApi.submit(
                    http, "{\"template\": \"" + kind.template + "\", \"target\": {\"device\": \"" + endpoint + "\"}}");
            String execution = executionOf(http, task);
            if (kind.losesNetwork) {
                // Within the pause after step one, so that step two finds the device unreachable.
                SimulatedDevice device = fleet.device(endpoint);
                await().atMost(TIMEOUT)
                        .until(() -> !device.deviceObject().operationJournal().isEmpty());
                device.goOffline();
            }
            flights.add(new Flight(kind, endpoint, task, execution));
        }
        return flights;
    }

    /** The execution's status, and whether a job of its flow is held by a worker (activated, with a deadline). */
    private static String where(URI http, Flight flight) {
        JsonPath execution = api(http)
                .get("/api/executions/{id}", flight.execution())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Long instance = execution.getObject("processInstanceKey", Long.class);
        List<Object> held = instance == null
                ? List.of()
                : api(http)
                        .contentType(ContentType.JSON)
                        .body(Map.of("filter", Map.of("processInstanceKey", String.valueOf(instance))))
                        .post("/v2/jobs/search")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.deadline")
                        .stream()
                        .filter(deadline -> deadline != null)
                        .toList();
        return execution.getString("status") + (held.isEmpty() ? "" : " job held");
    }

    /**
     * A job that outlived its timeout while its worker still ran it would be handed out a second time, and the
     * later of the two answers refused by the engine.
     */
    private static void assertNoJobHandedOutTwice(DmflowProcess dmflow) {
        assertThat(dmflow.output()).as(dmflow.tail()).noneMatch(line -> line.contains("Could not report job"));
    }

    private static void awaitStatus(DmflowProcess dmflow, URI http, Flight flight, String expected) {
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(status(http, flight.execution()))
                        .as(() -> flight + "\n"
                                + api(http)
                                        .get("/api/executions/{id}", flight.execution())
                                        .asString() + "\n" + dmflow.tail())
                        .isEqualTo(expected));
    }
}
