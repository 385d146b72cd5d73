package io.dmflow.api.benchmark;

import static io.restassured.RestAssured.given;

import io.dmflow.api.testing.TestDatabase;
import io.dmflow.api.testing.WorkMeter;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: tasks end to end on a fleet, beside the adapter doing the same device operations alone, in
 * one run; then the heap a waiting execution holds. Run with
 * {@code ./mvnw -pl api -am verify -Pbenchmark -Dtest=TaskBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}
 * ({@code -Dbenchmark.devices}, {@code -Dbenchmark.waiting}, {@code -Dbenchmark.rounds} to resize).
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class TaskBenchmark {

    private static final int DEVICES = Integer.getInteger("benchmark.devices", 1000);
    private static final int WAITING = Integer.getInteger("benchmark.waiting", 10_000);
    private static final int WAITING_DEVICES = 100;
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);

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

    @Test
    void fleetTaskBesideTheBareAdapter() throws Exception {
        URI coap = server.coapUri().orElseThrow();
        given().contentType(ContentType.XML)
                .body(READ_WRITE_READ)
                .put("/api/templates/bench-rwr")
                .then()
                .statusCode(201);
        given().put("/api/groups/bench").then().statusCode(201);
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(coap)
                .endpointPrefix("bench-")
                .count(DEVICES)
                .lifetime(Duration.ofMinutes(30))
                .build()
                .start()) {
            if (!fleet.awaitRegisteredCount(DEVICES, Duration.ofMinutes(3))) {
                throw new AssertionError("only " + fleet.registeredCount() + " registered");
            }
            awaitAllOnline(DEVICES, "bench-");
            for (int i = 0; i < DEVICES; i++) {
                given().put("/api/groups/bench/members/bench-" + i).then().statusCode(201);
            }

            // The first round runs on a cold JVM (the JIT compiler takes a share of the CPU); the later ones show
            // what a server that has been running a while does.
            for (int round = 1; round <= ROUNDS; round++) {
                runRound(round);
            }
        }
    }

    private void runRound(int round) throws Exception {
        WorkMeter work = WorkMeter.start(dataSource);
        String task = given().contentType(ContentType.JSON)
                .body("{\"template\":\"bench-rwr\",\"target\":{\"group\":\"bench\"},\"executeImmediately\":true}")
                .post("/api/tasks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        awaitCompleted(task, DEVICES, Duration.ofMinutes(10));
        String cost = work.report("execution", DEVICES);
        double seconds = spanMillis(task) / 1e3;
        long[] latencies = latenciesMillis(task, "createdAt", "endedAt");
        long[] queued = latenciesMillis(task, "createdAt", "startedAt");
        long[] running = latenciesMillis(task, "startedAt", "endedAt");
        Arrays.sort(latencies);
        Arrays.sort(queued);
        Arrays.sort(running);
        JsonPath summary =
                given().get("/api/tasks/{id}/summary", task).then().extract().jsonPath();

        long adapterStart = System.nanoTime();
        adapterAlone(DEVICES);
        double adapterSeconds = (System.nanoTime() - adapterStart) / 1e9;

        System.out.printf(
                "%n=== TaskBenchmark round %d of %d (%s): %d devices, read-write-read template ===%n",
                round, ROUNDS, round == 1 ? "cold JVM" : "warm", DEVICES);
        System.out.printf(
                "executions: %d successes of %d in %.2f s = %.1f executions/s%n",
                summary.getInt("successes"), summary.getInt("totalScheduled"), seconds, DEVICES / seconds);
        System.out.printf(
                "execution latency (queued to ended): p50 %d ms, p99 %d ms, max %d ms%n",
                BenchmarkFigures.percentile(latencies, 50),
                BenchmarkFigures.percentile(latencies, 99),
                latencies[latencies.length - 1]);
        System.out.printf(
                "  of which queued (to started): p50 %d ms, p99 %d ms; running (started to ended): p50 %d ms, p99 %d ms%n",
                BenchmarkFigures.percentile(queued, 50),
                BenchmarkFigures.percentile(queued, 99),
                BenchmarkFigures.percentile(running, 50),
                BenchmarkFigures.percentile(running, 99));
        System.out.printf(
                "adapter alone, same %d operations: %.2f s = %.0f ops/s; flow/adapter time ratio %.1f%n",
                3 * DEVICES, adapterSeconds, 3 * DEVICES / adapterSeconds, seconds / adapterSeconds);
        System.out.print(cost);
    }

    @Test
    void heapPerWaitingExecution() throws Exception {
        URI coap = server.coapUri().orElseThrow();
        given().contentType(ContentType.XML)
                .body("<config><wait/><log message=\"resumed\"/></config>")
                .put("/api/templates/bench-wait")
                .then()
                .statusCode(201);
        given().put("/api/groups/bench-waiting").then().statusCode(201);
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(coap)
                .endpointPrefix("wait-")
                .count(WAITING_DEVICES)
                .lifetime(Duration.ofMinutes(30))
                .build()
                .start()) {
            if (!fleet.awaitRegisteredCount(WAITING_DEVICES, Duration.ofMinutes(2))) {
                throw new AssertionError("only " + fleet.registeredCount() + " registered");
            }
            awaitAllOnline(WAITING_DEVICES, "wait-");
            for (int i = 0; i < WAITING_DEVICES; i++) {
                given().put("/api/groups/bench-waiting/members/wait-" + i)
                        .then()
                        .statusCode(201);
            }
            long before = BenchmarkFigures.usedHeapAfterGc();
            List<String> tasks = new ArrayList<>();
            for (int i = 0; i < WAITING / WAITING_DEVICES; i++) {
                tasks.add(given().contentType(ContentType.JSON)
                        .body("{\"template\":\"bench-wait\",\"target\":{\"group\":\"bench-waiting\"}}")
                        .post("/api/tasks")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"));
            }
            Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
            long waiting = 0;
            while (Instant.now().isBefore(deadline)) {
                waiting = given().queryParam("status", "WAITING_FOR_DEVICE")
                        .queryParam("size", 1)
                        .get("/api/executions")
                        .then()
                        .extract()
                        .jsonPath()
                        .getLong("totalItems");
                if (waiting >= WAITING) {
                    break;
                }
                Thread.sleep(500); // polling a count: the benchmark has no signal for "all are waiting"
            }
            long after = BenchmarkFigures.usedHeapAfterGc();
            System.out.printf(
                    "%n=== TaskBenchmark: %d executions WAITING_FOR_DEVICE on %d devices ===%n",
                    waiting, WAITING_DEVICES);
            System.out.printf(
                    "heap after GC: before %d KiB, after %d KiB: %.2f KiB per waiting execution%n",
                    before / 1024, after / 1024, (after - before) / 1024.0 / Math.max(1, waiting));
            tasks.forEach(task -> given().delete("/api/tasks/{id}", task).then().statusCode(200));
        }
    }

    private void adapterAlone(int devices) {
        Semaphore inFlight = new Semaphore(256);
        List<CompletableFuture<?>> all = new ArrayList<>();
        var operations = server.operations();
        for (int i = 0; i < devices; i++) {
            String endpoint = "bench-" + i;
            inFlight.acquireUninterruptibly();
            all.add(operations
                    .read(endpoint, "/3/0/15")
                    .thenCompose(value -> operations.write(
                            endpoint, "/3/0/15", "Europe/Berlin", io.dmflow.lwm2m.operation.WriteMode.REPLACE))
                    .thenCompose(done -> operations.read(endpoint, "/3/0/15"))
                    .whenComplete((value, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    private static void awaitAllOnline(int count, String prefix) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            long online = given().queryParam("state", "online")
                    .queryParam("endpointPrefix", prefix)
                    .queryParam("size", 1)
                    .get("/api/devices")
                    .then()
                    .extract()
                    .jsonPath()
                    .getLong("totalItems");
            if (online >= count) {
                return;
            }
            Thread.sleep(200); // polling a count: device records are written by the server's listeners
        }
        throw new AssertionError("not all " + prefix + " devices online");
    }

    private static void awaitCompleted(String task, int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (given().get("/api/tasks/{id}/summary", task)
                            .then()
                            .extract()
                            .jsonPath()
                            .getInt("completed")
                    >= count) {
                return;
            }
            Thread.sleep(
                    1000); // polling a count, seldom so as not to load the machine it measures; the figures come from
            // the executions' own timestamps
        }
        throw new AssertionError("task " + task + " did not complete in " + timeout);
    }

    private static long[] latenciesMillis(String task, String from, String to) {
        List<Long> values = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonPath json = given().queryParam("task", task)
                    .queryParam("size", 1000)
                    .queryParam("page", page)
                    .get("/api/executions")
                    .then()
                    .extract()
                    .jsonPath();
            List<String> created = json.getList("items." + from);
            List<String> ended = json.getList("items." + to);
            for (int i = 0; i < created.size(); i++) {
                values.add(Duration.between(Instant.parse(created.get(i)), Instant.parse(ended.get(i)))
                        .toMillis());
            }
            if (created.size() < 1000) {
                break;
            }
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** From the first execution's creation to the last one's end, as the server recorded them. */
    private static long spanMillis(String task) {
        Instant first = null;
        Instant last = null;
        for (int page = 0; ; page++) {
            JsonPath json = given().queryParam("task", task)
                    .queryParam("size", 1000)
                    .queryParam("page", page)
                    .get("/api/executions")
                    .then()
                    .extract()
                    .jsonPath();
            List<String> created = json.getList("items.createdAt");
            List<String> ended = json.getList("items.endedAt");
            for (int i = 0; i < created.size(); i++) {
                Instant from = Instant.parse(created.get(i));
                Instant to = Instant.parse(ended.get(i));
                first = first == null || from.isBefore(first) ? from : first;
                last = last == null || to.isAfter(last) ? to : last;
            }
            if (created.size() < 1000) {
                break;
            }
        }
        return Duration.between(first, last).toMillis();
    }
}
