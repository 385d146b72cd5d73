package io.dmflow.engine;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * PostgreSQL for the tests: an existing server named by DMFLOW_TEST_JDBC_URL (user from
 * DMFLOW_TEST_JDBC_USER, default postgres), otherwise embedded PostgreSQL binaries.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        String url = System.getenv("DMFLOW_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            String user = System.getenv().getOrDefault("DMFLOW_TEST_JDBC_USER", "postgres");
            String password = System.getenv().getOrDefault("DMFLOW_TEST_JDBC_PASSWORD", "");
            return Map.of(
                    "quarkus.datasource.jdbc.url",
                    url,
                    "quarkus.datasource.username",
                    user,
                    "quarkus.datasource.password",
                    password);
        }
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url",
                postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username",
                "postgres",
                "quarkus.datasource.password",
                "postgres");
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
