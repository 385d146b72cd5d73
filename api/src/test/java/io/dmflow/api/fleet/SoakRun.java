package io.dmflow.api.fleet;

import static io.restassured.RestAssured.given;

import io.dmflow.api.testing.TaskApi;
import io.dmflow.api.testing.TestDatabase;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.simulator.fleet.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the long run. A fleet of simulated devices (1000) gets read-write-read tasks continuously, a group task
 * of {@code soak.group-size} devices every second, for {@code soak.minutes} (10); every {@code soak.sample-seconds}
 * (30) it samples the heap after GC, the live threads, the database's size ({@code pg_database_size}) and the open
 * file descriptors of this JVM (which runs dmflow and the fleet), then prints the table and whether each figure is
 * flat after warm-up: the last third of the samples against the second third. The run keeps its history for
 * {@code soak.retention-seconds} (120) only ({@code dmflow.retention.history}), so that the database, which would
 * otherwise keep every execution, reaches a steady size within the first third. Run with
 * {@code ./mvnw -pl api -am verify -Pbenchmark -Dtest=SoakRun -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}
 * ({@code -Dsoak.minutes=3}, {@code -Dsoak.devices}, {@code -Dsoak.group-size}, {@code -Dsoak.sample-seconds}).
 */
@Tag("benchmark")
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(SoakRun.ShortHistory.class)
class SoakRun {

    /** The history kept for minutes, not days, and removed twice a minute: the database settles within the run. */
    public static final class ShortHistory implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "dmflow.retention.history",
                    "PT" + Integer.getInteger("soak.retention-seconds", 120) + "S",
                    "dmflow.retention.interval",
                    "PT30S");
        }
    }

    private static final int DEVICES = Integer.getInteger("soak.devices", 1000);
    private static final int GROUP_SIZE = Integer.getInteger("soak.group-size", 20);
    private static final Duration RUN = Duration.ofMinutes(Integer.getInteger("soak.minutes", 10));
    private static final Duration SAMPLE = Duration.ofSeconds(Integer.getInteger("soak.sample-seconds", 30));
    /** Heap after GC may move this much between the thirds and still count as flat (a young collection's leftovers). */
    private static final double HEAP_TOLERANCE = 0.15;
    /** Threads and file descriptors: pools that grow and shrink with the load. */
    private static final double COUNT_TOLERANCE = 0.05;
    /** The database's size, once the history removal keeps pace with the executions. */
    private static final double DATABASE_TOLERANCE = 0.10;

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

    private record Sample(
            long seconds,
            long heapKiB,
            int threads,
            long databaseKiB,
            int fileDescriptors,
            long executions,
            long open,
            int submitFailures) {}

    @Test
    void longRun() throws Exception {
        int groups = Math.max(1, DEVICES / GROUP_SIZE);
        TaskApi.saveTemplate("soak-rwr", READ_WRITE_READ);
        for (int g = 0; g < groups; g++) {
            given().put("/api/groups/root.soak.g{g}", g).then().statusCode(201);
        }
        try (SimulatedFleet fleet = SimulatedFleet.builder()
                .serverUri(server.coapUri().orElseThrow())
                .endpointPrefix("soak-")
                .count(DEVICES)
                .lifetime(Duration.ofHours(2))
                .build()
                .start()) {
            if (!fleet.awaitRegisteredCount(DEVICES, Duration.ofMinutes(3))) {
                throw new AssertionError("only " + fleet.registeredCount() + " devices registered");
            }
            for (int i = 0; i < DEVICES; i++) {
                TaskApi.awaitDeviceState("soak-" + i, "online");
                given().put("/api/groups/root.soak.g{g}/members/soak-{i}", i % groups, i)
                        .then()
                        .statusCode(201);
            }
            System.out.printf(
                    "%n=== SoakRun: %d devices, a task on %d of them every second for %s, a sample every %s ===%n",
                    DEVICES, GROUP_SIZE, RUN, SAMPLE);

            AtomicInteger submitted = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            AtomicReference<Throwable> lastFailure = new AtomicReference<>();
            ScheduledExecutorService submitter = Executors.newSingleThreadScheduledExecutor();
            submitter.scheduleAtFixedRate(
                    () -> {
                        try {
                            TaskApi.submit("""
                                    {"template": "soak-rwr", "target": {"group": "root.soak.g%d"},
                                     "executeImmediately": true}""".formatted(submitted.getAndIncrement() % groups));
                        } catch (RuntimeException | AssertionError e) {
                            failures.incrementAndGet();
                            lastFailure.set(e);
                        }
                    },
                    0,
                    1,
                    TimeUnit.SECONDS);

            List<Sample> samples = new ArrayList<>();
            Instant start = Instant.now();
            Instant end = start.plus(RUN);
            try {
                samples.add(sample(start, failures.get()));
                print(samples.get(0), true);
                while (Instant.now().isBefore(end)) {
                    // Sampling at fixed times is the point of the run: there is no event to wait for.
                    Thread.sleep(SAMPLE.toMillis());
                    Sample sample = sample(start, failures.get());
                    samples.add(sample);
                    print(sample, false);
                }
            } finally {
                submitter.shutdownNow();
                submitter.awaitTermination(10, TimeUnit.SECONDS);
            }
            if (lastFailure.get() != null) {
                System.out.println("last submission failure: " + lastFailure.get());
            }
            System.out.print(verdict(samples));
        }
    }

    private Sample sample(Instant start, int submitFailures) throws Exception {
        long heap = heapAfterGc();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        String[] descriptors = new File("/proc/self/fd").list();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("""
                        SELECT pg_database_size(current_database()),
                               (SELECT count(*) FROM dmflow.execution),
                               (SELECT count(*) FROM dmflow.execution
                                 WHERE status IN ('QUEUED', 'IN_PROGRESS', 'WAITING_FOR_DEVICE'))""")) {
            row.next();
            return new Sample(
                    Duration.between(start, Instant.now()).toSeconds(),
                    heap / 1024,
                    threads,
                    row.getLong(1) / 1024,
                    descriptors == null ? -1 : descriptors.length,
                    row.getLong(2),
                    row.getLong(3),
                    submitFailures);
        } catch (SQLException e) {
            throw new IllegalStateException("could not sample the database", e);
        }
    }

    private static void print(Sample sample, boolean header) {
        if (header) {
            System.out.printf(
                    "%6s %12s %8s %12s %8s %11s %6s %9s%n",
                    "time s", "heap KiB", "threads", "db KiB", "fds", "executions", "open", "failures");
        }
        System.out.printf(
                "%6d %12d %8d %12d %8d %11d %6d %9d%n",
                sample.seconds(),
                sample.heapKiB(),
                sample.threads(),
                sample.databaseKiB(),
                sample.fileDescriptors(),
                sample.executions(),
                sample.open(),
                sample.submitFailures());
    }

    /** Second third (after the warm-up) against the last third, each figure on its own. */
    static String verdict(List<Sample> samples) {
        int third = samples.size() / 3;
        if (third < 1) {
            return "too few samples (" + samples.size() + ") for a verdict: run longer or sample more often\n";
        }
        List<Sample> second = samples.subList(third, 2 * third);
        List<Sample> last = samples.subList(samples.size() - third, samples.size());
        StringBuilder text = new StringBuilder();
        boolean flat = true;
        flat &= judge(text, "heap after GC", second, last, Sample::heapKiB, HEAP_TOLERANCE);
        flat &= judge(text, "live threads", second, last, Sample::threads, COUNT_TOLERANCE);
        flat &= judge(text, "open file descriptors", second, last, Sample::fileDescriptors, COUNT_TOLERANCE);
        flat &= noBacklog(text, last);
        flat &= judge(text, "database KiB", second, last, Sample::databaseKiB, DATABASE_TOLERANCE);
        return text.append(flat ? "verdict: flat after warm-up\n" : "verdict: NOT flat after warm-up\n")
                .toString();
    }

    private static boolean judge(
            StringBuilder text,
            String what,
            List<Sample> second,
            List<Sample> last,
            ToDoubleFunction<Sample> figure,
            double tolerance) {
        double before = second.stream().mapToDouble(figure).average().orElse(0);
        double after = last.stream().mapToDouble(figure).average().orElse(0);
        boolean flat = after <= before * (1 + tolerance) || after - before <= 2;
        text.append(String.format(
                "%s: second third %.0f, last third %.0f (%+.1f %%): %s%n",
                what, before, after, before == 0 ? 0 : (after - before) / before * 100, flat ? "flat" : "grows"));
        return flat;
    }

    /**
     * A sample lands anywhere between one second's tasks being submitted (up to a group open) and their end (none
     * open), so an average says nothing; a backlog shows as more open than two seconds of submissions.
     */
    private static boolean noBacklog(StringBuilder text, List<Sample> last) {
        long most = last.stream().mapToLong(Sample::open).max().orElse(0);
        boolean flat = most <= 2L * GROUP_SIZE;
        text.append(String.format(
                "open executions: at most %d in the last third, against %d submitted each second: %s%n",
                most, GROUP_SIZE, flat ? "no backlog" : "a backlog builds"));
        return flat;
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200); // lets the collector finish; there is no signal for it
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
