package io.dmflow.api.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.simulator.fleet.SimulatedFleet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a newcomer does: start dmflow with no configuration, register a device, stop it with SIGTERM,
 * start it again.
 */
class EmbeddedDatabaseLifecycleIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void startsOnItsOwnDatabaseStopsCleanlyAndKeepsDevicesAcrossRestarts() throws Exception {
        Path dataDirectory = Files.createTempDirectory("dmflow-it-pg");
        Map<String, String> properties = Map.of("dmflow.database.embedded.data-dir", dataDirectory.toString());

        long startedAt = System.nanoTime();
        String firstRegistration;
        try (DmflowProcess dmflow = DmflowProcess.start(properties, Map.of())) {
            URI http = dmflow.awaitHttp(Duration.ofSeconds(60));
            awaitReady(http);
            Duration startup = Duration.ofNanos(System.nanoTime() - startedAt);
            System.out.printf("dmflow ready with a new embedded PostgreSQL in %d ms%n", startup.toMillis());
            assertThat(startup).isLessThan(Duration.ofSeconds(30));

            try (SimulatedFleet device = SimulatedFleet.builder()
                    .serverUri(dmflow.awaitCoap(Duration.ofSeconds(5)))
                    .endpoint("lifecycle-1")
                    .build()
                    .start()
                    .awaitRegistered(Duration.ofSeconds(10))) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> body(http, "/api/devices/lifecycle-1").contains("\"state\":\"online\""));
                firstRegistration = body(http, "/api/devices/lifecycle-1");
            }

            assertThat(postgresProcessesOn(dataDirectory))
                    .as("a durable database: commits reach the disk")
                    .anyMatch(process -> process.info().commandLine().orElse("").contains("fsync=on"));
            long stopping = System.nanoTime();
            int exit = dmflow.terminate(Duration.ofSeconds(30));
            Duration stop = Duration.ofNanos(System.nanoTime() - stopping);
            System.out.printf("dmflow stopped %d ms after SIGTERM%n", stop.toMillis());
            assertThat(exit).as("exit code after SIGTERM:\n" + dmflow.tail()).isIn(0, 143);
            // The job workers' long polls are answered at the start of the stop, not waited out (10 s before).
            assertThat(stop).as("time from SIGTERM to exit").isLessThan(Duration.ofSeconds(5));
        }
        assertThat(postgresProcessesOn(dataDirectory))
                .as("PostgreSQL processes left behind")
                .isEmpty();
        assertThat(dataDirectory.resolve("postmaster.pid")).doesNotExist();

        startedAt = System.nanoTime();
        try (DmflowProcess dmflow = DmflowProcess.start(properties, Map.of())) {
            URI http = dmflow.awaitHttp(Duration.ofSeconds(60));
            awaitReady(http);
            System.out.printf(
                    "dmflow ready again on its existing data in %d ms%n",
                    Duration.ofNanos(System.nanoTime() - startedAt).toMillis());
            String again = body(http, "/api/devices/lifecycle-1");
            assertThat(again).contains("\"endpoint\":\"lifecycle-1\"").contains("\"state\":\"offline\"");
            assertThat(field(again, "firstRegisteredAt")).isEqualTo(field(firstRegistration, "firstRegisteredAt"));
            dmflow.terminate(Duration.ofSeconds(30));
        }
        assertThat(postgresProcessesOn(dataDirectory)).isEmpty();
    }

    @Test
    void aPostgresLeftRunningByAKilledProcessIsTakenOverOnTheNextStart() throws Exception {
        Path dataDirectory = Files.createTempDirectory("dmflow-it-pg-kill");
        Map<String, String> properties = Map.of("dmflow.database.embedded.data-dir", dataDirectory.toString());
        try (DmflowProcess dmflow = DmflowProcess.start(properties, Map.of())) {
            awaitReady(dmflow.awaitHttp(Duration.ofSeconds(60)));
            dmflow.handle().destroyForcibly();
            dmflow.handle().onExit().get();
        }
        assertThat(postgresProcessesOn(dataDirectory))
                .as("a killed JVM leaves its PostgreSQL running")
                .isNotEmpty();

        try (DmflowProcess dmflow = DmflowProcess.start(properties, Map.of())) {
            awaitReady(dmflow.awaitHttp(Duration.ofSeconds(60)));
            assertThat(dmflow.output()).anyMatch(line -> line.contains("left running on"));
            dmflow.terminate(Duration.ofSeconds(30));
        }
        assertThat(postgresProcessesOn(dataDirectory)).isEmpty();
    }

    @Test
    void aSecondDmflowOnTheSameDataFolderRefusesAtOnceAndLeavesTheFirstRunning() throws Exception {
        Path dataDirectory = Files.createTempDirectory("dmflow-it-pg-twice");
        Map<String, String> properties = Map.of("dmflow.database.embedded.data-dir", dataDirectory.toString());
        try (DmflowProcess first = DmflowProcess.start(properties, Map.of())) {
            URI http = first.awaitHttp(Duration.ofSeconds(60));
            awaitReady(http);
            int databasePort = embeddedPostgresPort(first);

            long startedAt = System.nanoTime();
            try (DmflowProcess second = DmflowProcess.start(properties, Map.of())) {
                int exit = second.awaitExit(Duration.ofSeconds(30));
                System.out.printf(
                        "the second dmflow refused to start in %d ms%n",
                        Duration.ofNanos(System.nanoTime() - startedAt).toMillis());
                assertThat(exit).as(second.tail()).isNotZero();
                assertThat(second.output().stream().filter(line -> line.startsWith("dmflow cannot start: ")))
                        .as(second.tail())
                        .singleElement()
                        .asString()
                        .contains("the data folder " + dataDirectory + " is in use by another dmflow")
                        .contains("pid " + first.handle().pid() + ",");
                assertThat(second.output())
                        .as("the first one's PostgreSQL is left alone")
                        .noneMatch(line -> line.contains("Stopping PostgreSQL"));
            }

            assertThat(get(http, "/q/health/ready").statusCode()).isEqualTo(200);
            try (Connection connection = DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:" + databasePort + "/dmflow", "postgres", "");
                    Statement statement = connection.createStatement();
                    ResultSet devices = statement.executeQuery("SELECT count(*) FROM dmflow.device")) {
                assertThat(devices.next())
                        .as("the first one's database takes new connections")
                        .isTrue();
            }
            try (SimulatedFleet device = SimulatedFleet.builder()
                    .serverUri(first.awaitCoap(Duration.ofSeconds(5)))
                    .endpoint("twice-1")
                    .build()
                    .start()
                    .awaitRegistered(Duration.ofSeconds(10))) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> body(http, "/api/devices/twice-1").contains("\"state\":\"online\""));
            }
            assertThat(first.terminate(Duration.ofSeconds(30))).as(first.tail()).isIn(0, 143);
        }
        assertThat(postgresProcessesOn(dataDirectory)).isEmpty();
    }

    static int embeddedPostgresPort(DmflowProcess dmflow) {
        Pattern started = Pattern.compile("Embedded PostgreSQL started on 127\\.0\\.0\\.1:(\\d+)");
        return dmflow.output().stream()
                .map(started::matcher)
                .filter(Matcher::find)
                .map(matcher -> Integer.parseInt(matcher.group(1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no embedded PostgreSQL port in:\n" + dmflow.tail()));
    }

    /** Until every readiness check is up: the answer is 200, where one check down makes it 503. */
    static void awaitReady(URI http) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> get(http, "/q/health/ready").statusCode() == 200);
    }

    static String body(URI http, String path) throws IOException, InterruptedException {
        return get(http, path).body();
    }

    private static HttpResponse<String> get(URI http, String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(http.resolve(path))
                        .header("Authorization", io.dmflow.api.testing.TestAdmin.authorization())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        int start = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }

    static java.util.List<ProcessHandle> postgresProcessesOn(Path dataDirectory) {
        String directory = dataDirectory.toString();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info()
                        .commandLine()
                        .map(line -> line.contains(directory))
                        .orElse(false))
                .toList();
    }
}
