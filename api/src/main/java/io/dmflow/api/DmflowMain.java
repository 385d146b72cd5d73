package io.dmflow.api;

import java.util.Optional;

import io.dmflow.api.database.DatasourceSelection;
import io.dmflow.api.database.EmbeddedPostgres;
import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts dmflow. With no JDBC URL configured it first starts its own PostgreSQL, hands its URL to
 * Quarkus, and stops it only after the application has closed its last connection.
 */
@QuarkusMain
public final class DmflowMain {

    private DmflowMain() {
    }

    public static void main(String... args) {
        DatasourceSelection selection = DatasourceSelection.ofThisProcess();
        Optional<EmbeddedPostgres> embedded = selection.configuredJdbcUrl().isPresent() ? Optional.empty()
                : Optional.of(EmbeddedPostgres.start(selection.embeddedDataDirectory(), true));
        embedded.ifPresent(database -> {
            System.setProperty("quarkus.datasource.jdbc.url", database.jdbcUrl());
            System.setProperty("quarkus.datasource.username", database.username());
            System.setProperty("quarkus.datasource.password", "");
            Thread mainThread = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                // On SIGTERM Quarkus stops the application in its own hook, after which the main thread
                // returns from Quarkus.run; wait for that so the database outlives every connection.
                try {
                    mainThread.join(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                database.close();
            }, "dmflow-embedded-postgres-stop"));
        });

        int[] exitCode = { 0 };
        Quarkus.run(null, (code, failure) -> exitCode[0] = code, args);
        embedded.ifPresent(EmbeddedPostgres::close);
        if (!ApplicationLifecycleManager.isVmShuttingDown()) {
            System.exit(exitCode[0]);
        }
    }
}
