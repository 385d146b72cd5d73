package io.dmflow.api.testing;

import io.dmflow.api.database.EmbeddedPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The database of a test run: the PostgreSQL server named by {@code DMFLOW_TEST_JDBC_URL}, or else an
 * embedded one on a fresh data folder.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    public static final String SERVER_URL_VARIABLE = "DMFLOW_TEST_JDBC_URL";

    private EmbeddedPostgres embedded;

    @Override
    public Map<String, String> start() {
        String serverUrl = System.getenv(SERVER_URL_VARIABLE);
        if (serverUrl != null && !serverUrl.isBlank()) {
            return Map.of(
                    "quarkus.datasource.jdbc.url",
                    serverUrl,
                    "quarkus.datasource.username",
                    System.getenv().getOrDefault("DMFLOW_TEST_JDBC_USER", "postgres"),
                    "quarkus.datasource.password",
                    System.getenv().getOrDefault("DMFLOW_TEST_JDBC_PASSWORD", ""));
        }
        try {
            embedded = EmbeddedPostgres.start(Files.createTempDirectory("dmflow-test-pg"), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url",
                embedded.jdbcUrl(),
                "quarkus.datasource.username",
                embedded.username(),
                "quarkus.datasource.password",
                "");
    }

    @Override
    public void stop() {
        if (embedded != null) {
            embedded.close();
            deleteRecursively(embedded.dataDirectory());
            try {
                Files.deleteIfExists(embedded.lockFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
