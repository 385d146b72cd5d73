package io.dmflow.api.process;

import static io.dmflow.api.process.EmbeddedDatabaseLifecycleIT.embeddedPostgresPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmflow.api.testing.TestAdmin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged application's first start without {@code dmflow.auth.initial-admin-password}: it prints a generated
 * admin password exactly once, stores only its hash, and the password signs in across restarts. Without a secrets
 * key it also makes its key file, readable by its owner only, and uses it again on the next start.
 */
class FirstStartIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern GENERATED = Pattern.compile("generated password: (\\S+)");

    @Test
    void theFirstStartPrintsTheGeneratedAdminPasswordOnceAndStoresOnlyItsHash() throws Exception {
        Path dataDirectory = Files.createTempDirectory("dmflow-it-first-start");
        // An empty value is no value: dmflow generates the password.
        Path keyFile = dataDirectory
                .resolveSibling(dataDirectory.getFileName() + "-secrets")
                .resolve("secrets.key");
        Map<String, String> properties = Map.of(
                "dmflow.database.embedded.data-dir",
                dataDirectory.toString(),
                TestAdmin.PASSWORD_SETTING,
                "",
                DmflowProcess.SECRETS_KEY_FILE,
                keyFile.toString());
        String password;
        try (DmflowProcess dmflow = DmflowProcess.start(properties, Map.of())) {
            URI http = dmflow.awaitHttp(Duration.ofSeconds(60));
            awaitReady(http);
            List<String> printed = dmflow.output().stream()
                    .filter(line -> GENERATED.matcher(line).find())
                    .toList();
            assertThat(printed).as(dmflow.tail()).hasSize(1);
            Matcher matcher = GENERATED.matcher(printed.get(0));
            assertThat(matcher.find()).isTrue();
            password = matcher.group(1);
            assertThat(password).hasSizeGreaterThanOrEqualTo(20);

            assertThat(keyFile)
                    .as("the key that seals device secrets, made at first start")
                    .exists();
            assertThat(Files.getPosixFilePermissions(keyFile))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(dmflow.output()).anyMatch(line -> line.contains("Created the key that seals device secrets"));
            assertThat(status(http, "admin", password)).isEqualTo(200);
            assertThat(status(http, "admin", password + "x")).isEqualTo(401);
            assertThat(status(http, null, null)).isEqualTo(401);

            try (Connection connection = DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:" + embeddedPostgresPort(dmflow) + "/dmflow", "postgres", "");
                    Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT * FROM dmflow.app_user")) {
                assertThat(row.next()).isTrue();
                StringBuilder everyColumn = new StringBuilder();
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    everyColumn.append(row.getString(column)).append('|');
                }
                assertThat(everyColumn.toString()).startsWith("admin|$2b$10$").doesNotContain(password);
                assertThat(row.next()).as("only admin exists").isFalse();
            }
            dmflow.terminate(Duration.ofSeconds(30));
        }

        try (DmflowProcess dmflow = DmflowProcess.start(properties, Map.of())) {
            URI http = dmflow.awaitHttp(Duration.ofSeconds(60));
            awaitReady(http);
            assertThat(status(http, "admin", password))
                    .as("the first start's password still signs in")
                    .isEqualTo(200);
            assertThat(dmflow.output())
                    .as("the key file is made once")
                    .noneMatch(line -> line.contains("Created the key that seals device secrets"));
            assertThat(dmflow.output())
                    .as("a second start prints no password")
                    .noneMatch(line -> GENERATED.matcher(line).find() || line.contains(password));
            dmflow.terminate(Duration.ofSeconds(30));
        }
    }

    /** Health without credentials: the tests' usual admin password is not this dmflow's. */
    private static void awaitReady(URI http) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> status(http, "/q/health/ready", null, null) == 200);
    }

    private static int status(URI http, String user, String password) throws Exception {
        return status(http, "/api/devices", user, password);
    }

    private static int status(URI http, String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(http.resolve(path));
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
