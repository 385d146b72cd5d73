package io.dmflow.api.benchmark;

import static io.restassured.RestAssured.given;

import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.delivery.PackageSource;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.delivery.PackageFormat;
import io.dmflow.simulator.fleet.SimulatedDevice;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a firmware update of a fleet by push under a quota, beside the adapter pushing the same package to
 * as many other devices with the same concurrency, in one run. Run with
 * {@code ./mvnw -pl api -am verify -Pbenchmark -Dtest=FirmwareBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}
 * ({@code -Dbenchmark.devices}, {@code -Dbenchmark.package-kib} to resize).
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(FirmwareBenchmark.Quota.class)
class FirmwareBenchmark {

    private static final int DEVICES = Integer.getInteger("benchmark.devices", 100);
    private static final int PACKAGE_BYTES = Integer.getInteger("benchmark.package-kib", 256) * 1024;
    private static final int QUOTA = 10;

    /** The firmware quota the flow is held to, and the concurrency the bare pushes get. */
    public static class Quota implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dmflow.quota.firmware", Integer.toString(QUOTA));
        }
    }

    @Inject
    DeviceManagementServer server;

    @Test
    void fleetFirmwareUpdateBesideTheBarePushes() throws Exception {
        URI coap = server.coapUri().orElseThrow();
        byte[] image = PackageFormat.build("dmflow-fw", "2.0.0", PACKAGE_BYTES);
        given().contentType(ContentType.BINARY)
                .body(image)
                .put("/api/resources/bench-fw/data?category=firmware")
                .then()
                .statusCode(201);
        given().put("/api/groups/bench-fw").then().statusCode(201);
        try (SimulatedFleet bare = fleet(coap, "bench-bare-");
                SimulatedFleet flow = fleet(coap, "bench-fw-")) {
            awaitOnline("bench-bare-");
            awaitOnline("bench-fw-");
            for (int i = 0; i < DEVICES; i++) {
                given().put("/api/groups/bench-fw/members/bench-fw-" + i).then().statusCode(201);
            }

            long bareStart = System.nanoTime();
            pushAlone(image);
            double bareSeconds = (System.nanoTime() - bareStart) / 1e9;
            for (SimulatedDevice device : bare.devices()) {
                if (device.firmware().stateHistory().isEmpty()) {
                    throw new AssertionError(device.endpoint() + " received nothing");
                }
            }

            String task = given().contentType(ContentType.JSON)
                    .body("""
                    {"type": "Lwm2mFirmwareUpdateTask", "target": {"group": "bench-fw"}, "executeImmediately": true,
                     "properties": {"resourceId": "bench-fw", "useQuota": "true", "statePollInterval": "PT1S"}}""")
                    .post("/api/tasks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            awaitCompleted(task);
            double flowSeconds = spanSeconds(task);
            JsonPath summary = given().get("/api/tasks/{id}/summary", task)
                    .then()
                    .extract()
                    .jsonPath();

            System.out.printf(
                    "%n=== FirmwareBenchmark: %d devices, %d KiB pushed, quota %d ===%n",
                    DEVICES, PACKAGE_BYTES / 1024, QUOTA);
            System.out.printf("adapter alone, %d pushes, %d at a time: %.2f s%n", DEVICES, QUOTA, bareSeconds);
            System.out.printf(
                    "firmware update flow (read state, push, wait for Downloaded, Update, reboot, read result "
                            + "and version): %d successes of %d in %.2f s%n",
                    summary.getInt("successes"), summary.getInt("totalScheduled"), flowSeconds);
            System.out.printf("flow/bare time ratio %.2f%n", flowSeconds / bareSeconds);
        }
    }

    private SimulatedFleet fleet(URI coap, String prefix) {
        return SimulatedFleet.builder()
                .serverUri(coap)
                .endpointPrefix(prefix)
                .count(DEVICES)
                .firmwareVersion("1.0.0")
                .lifetime(Duration.ofMinutes(30))
                .registrationRetry(Duration.ofSeconds(1))
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
