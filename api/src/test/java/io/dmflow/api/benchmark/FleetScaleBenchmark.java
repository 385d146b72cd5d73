package io.dmflow.api.benchmark;

import static io.restassured.RestAssured.given;

import io.dmflow.api.testing.TestDatabase;
import io.dmflow.api.testing.WorkMeter;
import io.dmflow.lwm2m.event.DeviceEventListener;
import io.dmflow.lwm2m.event.DeviceRegistration;
import io.dmflow.lwm2m.operation.RequestOutcome;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.cli.SimulatorCommand;
import io.dmflow.simulator.fleet.SimulatedDevice;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: how fast a waiting flow resumes when its device speaks, and what a registered device and a waiting
 * execution cost in heap on a large fleet. Run with
 * {@code ./mvnw -pl api -am verify -Pbenchmark -Dtest=FleetScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}
 * ({@code -Dbenchmark.resuming} devices for the latency, {@code -Dbenchmark.fleet} devices for the heap).
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class FleetScaleBenchmark {

    private static final int RESUMING = Integer.getInteger("benchmark.resuming", 500);
    private static final int FLEET = Integer.getInteger("benchmark.fleet", 10_000);

    /** The first step after the wait is the request whose delay is measured. */
    private static final String WAIT_THEN_READ = """
            <config>
              <wait/>
              <get key="/3/0/15" output="zone"/>
            </config>""";

    @Inject
    DeviceManagementServer server;

    @Inject
    DataSource dataSource;

    /**
     * From a device's registration update to the first request of its waiting flow, once with updates spread out
     * (one device every 20 ms) and once with every device speaking at the same moment.
     */
    @Test
    void resumptionLatency() throws Exception {
        URI coap = server.coapUri().orElseThrow();
        given().contentType(ContentType.XML)
                .body(WAIT_THEN_READ)
                .put("/api/templates/bench-resume")
                .then()
                .statusCode(201);
        given().put("/api/groups/bench-resume").then().statusCode(201);
        Map<String, Long> firstReadNanos = new ConcurrentHashMap<>();
        Map<String, Long> updatedNanos = new ConcurrentHashMap<>();
        server.addListener(new DeviceEventListener() {
            @Override
            public void updated(DeviceRegistration registration) {
                updatedNanos.putIfAbsent(registration.endpoint(), System.nanoTime());
            }
        });
        server.addRequestListener((endpoint, operation, outcome, took) -> {
            if (operation.equals("read") && outcome == RequestOutcome.SUCCESS) {
                firstReadNanos.putIfAbsent(endpoint, System.nanoTime() - took.toNanos());
            }
        });
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(coap)
                .endpointPrefix("resume-")
                .count(RESUMING)
                // A device's update blocks its simulator thread until dmflow answers: with the fleet's default of 8
                // threads, "all at once" meant eight at a time, and the burst measured the simulator.
                .schedulerThreads(RESUMING)
                .lifetime(Duration.ofMinutes(30))
                .build()
                .start()) {
            if (!fleet.awaitRegisteredCount(RESUMING, Duration.ofMinutes(2))) {
                throw new AssertionError("only " + fleet.registeredCount() + " registered");
            }
            awaitCount("/api/devices", Map.of("state", "online", "endpointPrefix", "resume-"), RESUMING);
            for (SimulatedDevice device : fleet.devices()) {
                given().put("/api/groups/bench-resume/members/" + device.endpoint())
                        .then()
                        .statusCode(201);
            }
            for (String pace : List.of("spread", "burst")) {
                firstReadNanos.clear();
                updatedNanos.clear();
                String task = submit("bench-resume", "bench-resume");
                awaitCount("/api/executions", Map.of("task", task, "status", "WAITING_FOR_DEVICE"), RESUMING);
                Map<String, Long> updateNanos = new ConcurrentHashMap<>();
                WorkMeter work = WorkMeter.start(dataSource);
                for (SimulatedDevice device : fleet.devices()) {
                    updateNanos.put(device.endpoint(), System.nanoTime());
                    device.triggerRegistrationUpdate();
                    if (pace.equals("spread")) {
                        // the spread-out case is paced by the clock on purpose: one device every 20 ms
                        Thread.sleep(20);
                    }
                }
                awaitCount("/api/executions", Map.of("task", task, "status", "SUCCESS"), RESUMING);
                String cost = work.report("resumption", RESUMING);
                long[] toServer = delays(updateNanos, updatedNanos);
                long[] toRequest = delays(updateNanos, firstReadNanos);
                System.out.printf(
                        "%n=== FleetScaleBenchmark: resumption, %d devices, updates %s ===%n"
                                + "registration update to the waiting flow's next request: p50 %d ms, p99 %d ms, max %d ms%n"
                                + "  of which the update reaching dmflow's device listeners: p50 %d ms, p99 %d ms%n"
                                + "%s",
                        RESUMING,
                        pace.equals("spread") ? "one every 20 ms" : "all at once",
                        BenchmarkFigures.percentile(toRequest, 50),
                        BenchmarkFigures.percentile(toRequest, 99),
                        toRequest[toRequest.length - 1],
                        BenchmarkFigures.percentile(toServer, 50),
                        BenchmarkFigures.percentile(toServer, 99),
                        cost);
            }
        }
    }

    /**
     * The fleet runs in a process of its own, so that the heap measured here is dmflow's alone: before the fleet,
     * with every device registered, and with an execution waiting on every device.
     */
    @Test
    void heapPerRegisteredDeviceAndWaitingExecution() throws Exception {
        URI coap = server.coapUri().orElseThrow();
        given().contentType(ContentType.XML)
                .body("<config><wait/><log message=\"resumed\"/></config>")
                .put("/api/templates/bench-heap")
                .then()
                .statusCode(201);
        given().put("/api/groups/bench-heap").then().statusCode(201);
        long empty = BenchmarkFigures.usedHeapAfterGc();
        Path output = Files.createTempFile("dmflow-fleet", ".log");
        Process simulator = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx4g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SimulatorCommand.class.getName(),
                        "--server",
                        coap.toString(),
                        "--count",
                        String.valueOf(FLEET),
                        "--prefix",
                        "heap-",
                        "--lifetime",
                        "3600",
                        "--rate",
                        "500",
                        "--report-every",
                        "10")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            Instant registering = Instant.now();
            awaitCount("/api/devices", Map.of("state", "online", "endpointPrefix", "heap-"), FLEET);
            Duration registered = Duration.between(registering, Instant.now());
            long withDevices = BenchmarkFigures.usedHeapAfterGc();
            Instant grouping = Instant.now();
            for (int i = 0; i < FLEET; i++) {
                given().put("/api/groups/bench-heap/members/heap-" + i).then().statusCode(201);
            }
            Duration grouped = Duration.between(grouping, Instant.now());
            long withGroup = BenchmarkFigures.usedHeapAfterGc();
            String task = submit("bench-heap", "bench-heap");
            awaitCount("/api/executions", Map.of("task", task, "status", "WAITING_FOR_DEVICE"), FLEET);
            long withWaiting = BenchmarkFigures.usedHeapAfterGc();
            System.out.printf(
                    "%n=== FleetScaleBenchmark: heap at %d devices (fleet in its own process) ===%n"
                            + "registered in %.1f s, grouped in %.1f s%n"
                            + "heap after GC: empty %d KiB, registered %d KiB, grouped %d KiB, waiting %d KiB%n"
                            + "%.1f KiB per registered device, %.2f KiB per group member, %.2f KiB per waiting execution%n",
                    FLEET,
                    registered.toMillis() / 1e3,
                    grouped.toMillis() / 1e3,
                    empty / 1024,
                    withDevices / 1024,
                    withGroup / 1024,
                    withWaiting / 1024,
                    (withDevices - empty) / 1024.0 / FLEET,
                    (withGroup - withDevices) / 1024.0 / FLEET,
                    (withWaiting - withGroup) / 1024.0 / FLEET);
            // The task is left to end with the JVM: cancelling 10,000 executions in one request outlasts the
            // client's read timeout (noted as an open defect).
        } finally {
            simulator.destroy();
            if (!simulator.waitFor(60, TimeUnit.SECONDS)) {
                simulator.destroyForcibly();
            }
            System.out.println("simulator output:");
            Files.readAllLines(output).stream().limit(40).forEach(line -> System.out.println("  " + line));
            Files.delete(output);
        }
    }

    /** Sorted milliseconds from each device's first moment to its second. */
    private static long[] delays(Map<String, Long> fromNanos, Map<String, Long> toNanos) {
        return fromNanos.entrySet().stream()
                .mapToLong(e -> TimeUnit.NANOSECONDS.toMillis(toNanos.get(e.getKey()) - e.getValue()))
                .sorted()
                .toArray();
    }

    private static String submit(String template, String group) {
        return given().contentType(ContentType.JSON)
                .body("{\"template\":\"" + template + "\",\"target\":{\"group\":\"" + group + "\"}}")
                .post("/api/tasks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** Waits until a paged list of the REST API counts at least {@code count} items. */
    private static void awaitCount(String path, Map<String, ?> query, long count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
        long seen = 0;
        while (Instant.now().isBefore(deadline)) {
            seen = given().queryParams(query)
                    .queryParam("size", 1)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getLong("totalItems");
            if (seen >= count) {
                return;
            }
            Thread.sleep(250); // polling a count over REST: there is no signal a client could wait on
        }
        throw new AssertionError(path + " " + query + ": " + seen + " of " + count);
    }
}
