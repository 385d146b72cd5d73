package io.dmflow.api.benchmark;

import static io.restassured.RestAssured.given;

import io.dmflow.api.testing.TestDatabase;
import io.dmflow.api.testing.WorkMeter;
import io.dmflow.lwm2m.delivery.PackageSource;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.delivery.PackageFormat;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a firmware update of a fleet by push under a quota, beside the adapter pushing the same package to
 * as many other devices with the same concurrency, in one run. Run with
 * {@code ./mvnw -pl api -am verify -Pbenchmark -Dtest=FirmwareBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}
 * ({@code -Dbenchmark.devices}, {@code -Dbenchmark.package-kib}, {@code -Dbenchmark.rounds} to resize; {@code -Dbenchmark.link-latency-ms} for a slower link).
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(FirmwareBenchmark.Quota.class)
class FirmwareBenchmark {

    private static final int DEVICES = Integer.getInteger("benchmark.devices", 100);
    private static final int PACKAGE_BYTES = Integer.getInteger("benchmark.package-kib", 256) * 1024;
    private static final int QUOTA = 10;
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 2);
    /** Loopback by default; a real network's round trip makes a transfer wait on the link rather than the CPU. */
    private static final Duration LINK_LATENCY = Duration.ofMillis(Long.getLong("benchmark.link-latency-ms", 0));

    /** The firmware quota the flow is held to, and the concurrency the bare pushes get. */
    public static class Quota implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dmflow.quota.firmware", Integer.toString(QUOTA));
        }
    }

    @Inject
    DeviceManagementServer server;

    @Inject
    DataSource dataSource;

    @Test
    void fleetFirmwareUpdateBesideTheBarePushes() throws Exception {
        URI coap = server.coapUri().orElseThrow();
        given().put("/api/groups/bench-fw").then().statusCode(201);
        try (SimulatedFleet bare = fleet(coap, "bench-bare-");
                SimulatedFleet flow = fleet(coap, "bench-fw-")) {
            awaitOnline("bench-bare-");
            awaitOnline("bench-fw-");
            for (int i = 0; i < DEVICES; i++) {
                given().put("/api/groups/bench-fw/members/bench-fw-" + i).then().statusCode(201);
            }
            System.out.printf(
                    "%n=== FirmwareBenchmark: %d devices, %d KiB pushed, quota %d, link latency %d ms, %d rounds (the "
                            + "first warms the JVM up) ===%n",
                    DEVICES, PACKAGE_BYTES / 1024, QUOTA, LINK_LATENCY.toMillis(), ROUNDS);
            for (int round = 1; round <= ROUNDS; round++) {
                round(round, bare);
            }
        }
    }

    /** One update of both fleets to a new version: the bare pushes first, then the flow. */
    private void round(int round, SimulatedFleet bare) throws InterruptedException {
        String version = (round + 1) + ".0.0";
        String resource = "bench-fw-" + version;
        byte[] image = PackageFormat.build("dmflow-fw", version, PACKAGE_BYTES);
        given().contentType(ContentType.BINARY)
                .body(image)
                .put("/api/resources/{id}/data?category=firmware", resource)
                .then()
                .statusCode(201);

        int receivedBefore = bare.devices().get(0).firmware().stateHistory().size();
        WorkMeter bareWork = WorkMeter.start(dataSource);
        long bareStart = System.nanoTime();
        pushAlone(image);
        double bareSeconds = (System.nanoTime() - bareStart) / 1e9;
        String bareCost = bareWork.report("device", DEVICES);
        if (bare.devices().get(0).firmware().stateHistory().size() == receivedBefore) {
            throw new AssertionError("the bare pushes of round " + round + " reached no device");
        }

        WorkMeter flowWork = WorkMeter.start(dataSource);
        String task = given().contentType(ContentType.JSON)
                .body("""
                {"type": "Lwm2mFirmwareUpdateTask", "target": {"group": "bench-fw"}, "executeImmediately": true,
                 "properties": {"resourceId": "%s", "useQuota": "true", "statePollInterval": "PT1S"}}""".formatted(resource))
                .post("/api/tasks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        awaitCompleted(task);
        String flowCost = flowWork.report("device", DEVICES);
        double flowSeconds = spanSeconds(task);
        JsonPath summary =
                given().get("/api/tasks/{id}/summary", task).then().extract().jsonPath();

        System.out.printf("%n--- round %d: to %s ---%n", round, version);
        System.out.printf("adapter alone, %d pushes, %d at a time: %.2f s%n", DEVICES, QUOTA, bareSeconds);
        System.out.printf(
                "firmware update flow (read state, push, wait for Downloaded, Update, reboot, read result "
                        + "and version): %d successes of %d in %.2f s%n",
                summary.getInt("successes"), summary.getInt("totalScheduled"), flowSeconds);
        System.out.printf("flow/bare time ratio %.2f%n", flowSeconds / bareSeconds);
        System.out.print("adapter alone, " + bareCost);
        System.out.print("flow, " + flowCost);
        printStepTimes(task);
    }

    private SimulatedFleet fleet(URI coap, String prefix) {
        return SimulatedFleet.builder()
                .serverUri(coap)
                .endpointPrefix(prefix)
                .count(DEVICES)
                .firmwareVersion("1.0.0")
                .lifetime(Duration.ofMinutes(30))
                .registrationRetry(Duration.ofSeconds(1))
                .linkLatency(LINK_LATENCY)
                .build()
                .start();
    }

    private void pushAlone(byte[] image) {
        Semaphore inFlight = new Semaphore(QUOTA);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        PackageSource source = new PackageSource() {
            @Override
            public String name() {
                return "bench-fw";
            }

            @Override
            public long size() {
                return image.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(image);
            }
        };
        for (int i = 0; i < DEVICES; i++) {
            inFlight.acquireUninterruptibly();
            all.add(server.delivery()
                    .push("bench-bare-" + i, "/5/0/0", source)
                    .whenComplete((done, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    }

    private static void awaitOnline(String prefix) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (given().queryParam("state", "online")
                            .queryParam("endpointPrefix", prefix)
                            .queryParam("size", 1)
                            .get("/api/devices")
                            .then()
                            .extract()
                            .jsonPath()
                            .getLong("totalItems")
                    >= DEVICES) {
                return;
            }
            Thread.sleep(200); // polling a count: device records are written by the server's listeners
        }
        throw new AssertionError("not all " + prefix + " devices online");
    }

    private static void awaitCompleted(String task) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            if (given().get("/api/tasks/{id}/summary", task)
                            .then()
                            .extract()
                            .jsonPath()
                            .getInt("completed")
                    >= DEVICES) {
                return;
            }
            Thread.sleep(500); // polling a count; the figures come from the executions' own timestamps
        }
        throw new AssertionError("task " + task + " did not complete");
    }

    /** Where the flow's time goes: the mean time spent in each element, over every execution of the task. */
    private static void printStepTimes(String task) {
        Map<String, double[]> byElement = new TreeMap<>();
        for (Object key : given().queryParam("task", task)
                .queryParam("size", 1000)
                .get("/api/executions")
                .then()
                .extract()
                .jsonPath()
                .getList("items.processInstanceKey")) {
            JsonPath elements = given().contentType(ContentType.JSON)
                    .body(Map.of("filter", Map.of("processInstanceKey", key.toString()), "page", Map.of("limit", 500)))
                    .post("/v2/element-instances/search")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> items = elements.getList("items");
            for (Map<String, Object> item : items) {
                if (item.get("endDate") == null) {
                    continue;
                }
                double millis = Duration.between(Instant.parse((String) item.get("startDate")), Instant.parse((String)
                                item.get("endDate")))
                        .toMillis();
                double[] sum = byElement.computeIfAbsent((String) item.get("elementId"), id -> new double[2]);
                sum[0] += millis;
                sum[1]++;
            }
        }
        System.out.println("mean ms per element instance (count):");
        byElement.entrySet().stream()
                .filter(e -> e.getValue()[0] / e.getValue()[1] >= 1) // gateways and events that pass at once
                .sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> System.out.printf(
                        "  %-28s %8.1f (%d)%n", e.getKey(), e.getValue()[0] / e.getValue()[1], (long) e.getValue()[1]));
    }

    /** From the first execution's creation to the last one's end, as the server recorded them. */
    private static double spanSeconds(String task) {
        JsonPath json = given().queryParam("task", task)
                .queryParam("size", 1000)
                .get("/api/executions")
                .then()
                .extract()
                .jsonPath();
        Instant first = json.<String>getList("items.createdAt").stream()
                .map(Instant::parse)
                .min(Instant::compareTo)
                .orElseThrow();
        Instant last = json.<String>getList("items.endedAt").stream()
                .map(Instant::parse)
                .max(Instant::compareTo)
                .orElseThrow();
        return Duration.between(first, last).toMillis() / 1e3;
    }
}
