package io.dmflow.api.fleet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.api.testing.WorkMeter;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A fleet of well-behaved devices runs a read-write-read task beside four devices that misbehave as real ones do: one
 * answers garbage, one never answers, one sends a thousand notifications a second, one registers again and again.
 * No well-behaved device's task is held up by a bad device (every one succeeds, and p99 stays below the request
 * timeout a bad device's request waits out), dmflow stays ready, and the bad devices' own executions end instead of
 * hanging. The p99 ratio with and without the bad devices is printed, not asserted: on two cores shared by this JVM
 * (whose JIT compiler works through the whole test), its database and the simulated devices, the processor is busy
 * most of the time, and stalls of half a second to two seconds that hit every device alike fall on one side or the
 * other; the goal of 20 % is not met yet (README, Benchmarks). What rounds of each kind cost per good device's task
 * (CPU of this JVM by thread and of PostgreSQL, transactions, rows written) is printed beside it: the difference is
 * what the bad devices cost, dmflow's share and their simulators' apart.
 * <p>
 * The well-behaved devices' tasks arrive at a steady pace well below what dmflow can do, as a fleet's tasks do, so that
 * a latency is the time an execution takes and not its place in a queue: a bad device that held up the others' work
 * would show at once, while the processor time its simulator spends in this same process does not count against
 * dmflow. Rounds with and without the bad devices alternate (A B, B A, A B...) after warm-up rounds (one of each
 * kind by default), so that the JIT compiler's progress and the load of whatever else runs on the machine fall on both sides alike.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(BadDeviceSettings.class)
class BadDevicesTest {

    private static final int GOOD_DEVICES = 40;
    /** Between two submissions: 12.5 tasks a second, a third or less of what dmflow runs on a busy 2-core machine. */
    private static final Duration SUBMISSION_INTERVAL = Duration.ofMillis(80);

    /**
     * Warm-up rounds (alternating, a round without bad devices first), not counted: they warm up the code both kinds
     * of round run, the bad devices' error paths included, so that neither side pays for the JIT compiler's first
     * passes. {@code -DbadDevices.warmUp} for a longer warm-up.
     */
    private static final int WARM_UP_ROUNDS = Integer.getInteger("badDevices.warmUp", 2);
    /**
     * Counted rounds of each side, in pairs A B, B A, A B... {@code -DbadDevices.rounds} for a longer measurement: the
     * suite's three are enough to see a stall, not to tell 20 % from the machine's noise (README, Benchmarks).
     */
    private static final int COUNTED_ROUNDS = Integer.getInteger("badDevices.rounds", 3);

    private static final boolean[] BAD_ROUNDS = rounds(WARM_UP_ROUNDS, COUNTED_ROUNDS);
    /**
     * A good device's execution that waited behind a bad device's request would take at least the request timeout the
     * bad device's requests wait out; p99 must stay below it.
     */
    private static final long STALL_MILLIS = BadDeviceSettings.REQUEST_TIMEOUT_SECONDS * 1000L;

    private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration BAD_EXECUTION_TIMEOUT = Duration.ofSeconds(30);
    private static final String FLOODED_PATH = "/3303/0/5700";
    private static final List<String> FINAL = List.of("SUCCESS", "WARNING", "ERROR", "CANCELLED");

    private static final String READ_WRITE_READ = """
            <config>
              <get key="/3/0/15" output="before"/>
              <set key="/3/0/15" value="Europe/Berlin"/>
              <get key="/3/0/15" output="after"/>
            </config>""";

    @Inject
    DeviceManagementServer server;

    @Inject
    DataSource dataSource;

    private record BadDevice(String endpoint, SimulatedFleet fleet) {}

    @Test
    void noGoodDevicesTaskIsHeldUpBehindABadDevice() throws Exception {
        URI coap = server.coapUri().orElseThrow();
        TaskApi.saveTemplate("fleet-rwr", READ_WRITE_READ);

        try (SimulatedFleet good = SimulatedFleet.builder()
                        .serverUri(coap)
                        .endpointPrefix("fleet-good-")
                        .count(GOOD_DEVICES)
                        .lifetime(Duration.ofMinutes(30))
                        .build()
                        .start();
                SimulatedFleet garbage = one(coap, "bad-garbage", Duration.ofSeconds(5));
                SimulatedFleet mute = one(coap, "bad-mute", Duration.ofSeconds(5));
                SimulatedFleet looping = one(coap, "bad-looping", Duration.ofSeconds(5));
                // The temperature moves every millisecond: observed without pmin, a notification each time.
                SimulatedFleet flooding = one(coap, "bad-flooding", Duration.ofMillis(1))) {
            assertThat(good.awaitRegisteredCount(GOOD_DEVICES, Duration.ofMinutes(1)))
                    .isTrue();
            for (SimulatedFleet bad : List.of(garbage, mute, looping, flooding)) {
                bad.awaitRegistered(TaskApi.TIMEOUT);
                TaskApi.awaitDeviceState(bad.device().endpoint(), "online");
            }
            for (SimulatedDevice device : good.devices()) {
                TaskApi.awaitDeviceState(device.endpoint(), "online");
            }
            garbage.device().answerGarbage(true);
            mute.device().ignoreRequests(true);

            List<Long> baseline = new ArrayList<>();
            List<Long> withBad = new ArrayList<>();
            Map<String, List<String>> badOutcomes = new LinkedHashMap<>();
            WorkMeter.Work baselineWork = WorkMeter.Work.NONE;
            WorkMeter.Work badWork = WorkMeter.Work.NONE;
            long notifications = 0;
            double floodSeconds = 0;
            for (int round = 0; round < BAD_ROUNDS.length; round++) {
                boolean counted = round >= WARM_UP_ROUNDS;
                WorkMeter meter = WorkMeter.start(dataSource);
                if (!BAD_ROUNDS[round]) {
                    List<Long> latencies = goodRound(good.devices());
                    if (counted) {
                        baseline.addAll(latencies);
                        baselineWork = baselineWork.plus(meter.stop());
                    }
                    continue;
                }
                observe(flooding.device().endpoint());
                looping.device().registerAgainEvery(Duration.ofMillis(200));
                Map<String, String> badExecutions = new LinkedHashMap<>();
                for (SimulatedFleet bad : List.of(garbage, mute, looping, flooding)) {
                    String endpoint = bad.device().endpoint();
                    badExecutions.put(endpoint, TaskApi.executionOf(TaskApi.submit("""
                            {"template": "fleet-rwr", "target": {"device": "%s"},
                             "properties": {"resumeTimeout": "PT2S"}}""".formatted(endpoint))));
                }
                long floodStart = System.nanoTime();
                long recordedBefore = recordedValues(flooding.device().endpoint());

                List<Long> latencies = goodRound(good.devices());
                assertReady();

                if (counted) {
                    withBad.addAll(latencies);
                    badWork = badWork.plus(meter.stop());
                    notifications += recordedValues(flooding.device().endpoint()) - recordedBefore;
                    floodSeconds += (System.nanoTime() - floodStart) / 1e9;
                }
                cancelObservation(flooding.device().endpoint());
                looping.device().stopRegisteringAgain();
                badExecutions.forEach((endpoint, execution) -> badOutcomes
                        .computeIfAbsent(endpoint, e -> new ArrayList<>())
                        .add(awaitFinal(execution)));
            }

            long baselineP99 = percentile(baseline, 99);
            long badP99 = percentile(withBad, 99);
            System.out.printf(
                    "%n=== BadDevicesTest: %d well-behaved devices, %d rounds each side ===%n"
                            + "latency submission to end: baseline p50 %d ms p99 %d ms; with bad devices p50 %d ms p99 %d ms;"
                            + " p99 ratio %.2f%n"
                            + "flooding device: %d values recorded in %.1f s of bad rounds = %.0f/s%n"
                            + "bad devices' executions: %s%n"
                            + "rounds without bad devices, %s"
                            + "rounds with bad devices, %s",
                    GOOD_DEVICES,
                    COUNTED_ROUNDS,
                    percentile(baseline, 50),
                    baselineP99,
                    percentile(withBad, 50),
                    badP99,
                    badP99 / (double) baselineP99,
                    notifications,
                    floodSeconds,
                    notifications / floodSeconds,
                    badOutcomes,
                    baselineWork.report("good device's task", baseline.size()),
                    badWork.report("good device's task", withBad.size()));

            assertThat(badP99)
                    .as("p99 with bad devices, ms (%d ms without)", baselineP99)
                    .isLessThan(STALL_MILLIS);
            // dmflow keeps 20 reports a second of one device (the adapter's pacing); the rest of the thousand go.
            assertThat(notifications / floodSeconds)
                    .as("the flooding device's values that dmflow recorded per second")
                    .isGreaterThan(1)
                    .isLessThan(30);
            assertThat(badOutcomes.get("bad-flooding")).containsOnly("SUCCESS");
            assertThat(badOutcomes.get("bad-mute")).containsOnly("ERROR");
            assertThat(badOutcomes.get("bad-garbage")).containsOnly("ERROR");
            assertThat(badOutcomes.get("bad-looping")).allMatch(FINAL::contains);
            assertReady();
        }
    }

    /** Which rounds have the bad devices: warm-up rounds alternating, then pairs in turn A B, B A. */
    private static boolean[] rounds(int warmUp, int counted) {
        boolean[] bad = new boolean[warmUp + 2 * counted];
        for (int round = 0; round < warmUp; round++) {
            bad[round] = round % 2 == 1;
        }
        for (int pair = 0; pair < counted; pair++) {
            bad[warmUp + 2 * pair] = pair % 2 == 1;
            bad[warmUp + 2 * pair + 1] = pair % 2 == 0;
        }
        return bad;
    }

    private static SimulatedFleet one(URI coap, String endpoint, Duration sensorPeriod) {
        return SimulatedFleet.builder()
                .serverUri(coap)
                .endpoint(endpoint)
                .lifetime(Duration.ofMinutes(30))
                .registrationRetry(Duration.ofSeconds(1))
                .sensorPeriod(sensorPeriod)
                .build()
                .start();
    }

    /**
     * Submits the template for each well-behaved device in turn, one task every {@link #SUBMISSION_INTERVAL} whatever
     * a submission takes (several may be on their way at once); answers each execution's latency, submission to end.
     */
    private static List<Long> goodRound(List<SimulatedDevice> devices) throws Exception {
        ScheduledExecutorService submitters = Executors.newScheduledThreadPool(4);
        try {
            List<ScheduledFuture<String>> executions = new ArrayList<>();
            for (int i = 0; i < devices.size(); i++) {
                String endpoint = devices.get(i).endpoint();
                executions.add(submitters.schedule(
                        () -> TaskApi.executionOf(TaskApi.submit("""
                                {"template": "fleet-rwr", "target": {"device": "%s"}, "executeImmediately": true}""".formatted(endpoint))),
                        i * SUBMISSION_INTERVAL.toMillis(),
                        TimeUnit.MILLISECONDS));
            }
            List<Long> latencies = new ArrayList<>();
            for (ScheduledFuture<String> execution : executions) {
                JsonNode ended = TaskApi.awaitEnd(execution.get(), "SUCCESS", ROUND_TIMEOUT);
                latencies.add(Duration.between(
                                Instant.parse(ended.path("createdAt").asText()),
                                Instant.parse(ended.path("endedAt").asText()))
                        .toMillis());
            }
            return latencies;
        } finally {
            submitters.shutdownNow();
        }
    }

    private static void observe(String endpoint) {
        operation(endpoint, "observe");
    }

    private static void cancelObservation(String endpoint) {
        operation(endpoint, "cancel-observation");
    }

    private static void operation(String endpoint, String name) {
        given().contentType(ContentType.JSON)
                .body("{\"key\": \"" + FLOODED_PATH + "\"}")
                .queryParam("timeout", 30)
                .post("/api/devices/{endpoint}/operations/{operation}", endpoint, name)
                .then()
                .log()
                .ifValidationFails()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("SUCCESS"));
    }

    /**
     * Waits for the execution to reach a final status; answers it, or, when it does not, what it is stuck at (its
     * status, where its flow is, and the flow's incidents), for the assertion to show.
     */
    private static String awaitFinal(String execution) {
        try {
            await().atMost(BAD_EXECUTION_TIMEOUT).until(() -> FINAL.contains(TaskApi.status(execution)));
            return TaskApi.status(execution);
        } catch (ConditionTimeoutException e) {
            JsonPath view = given().get("/api/executions/{id}", execution)
                    .then()
                    .extract()
                    .jsonPath();
            Object instance = view.get("processInstanceKey");
            String incidents = instance == null
                    ? "none (no flow started)"
                    : given().contentType(ContentType.JSON)
                            .body(Map.of("filter", Map.of("processInstanceKey", String.valueOf(instance))))
                            .post("/v2/incidents/search")
                            .then()
                            .extract()
                            .jsonPath()
                            .getList("items.errorMessage")
                            .toString();
            return "stuck " + view.getString("status") + " at " + view.getList("activeElements.elementName")
                    + ", incidents " + incidents + ", history " + view.getList("history");
        }
    }

    private static void assertReady() {
        given().get("/q/health/ready").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("UP"));
    }

    private long recordedValues(String endpoint) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM dmflow.device_value_history WHERE endpoint = ? AND path = ?")) {
            count.setString(1, endpoint);
            count.setString(2, FLOODED_PATH);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static long percentile(List<Long> values, int percent) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
