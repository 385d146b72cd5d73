package io.dmflow.api;

import io.dmflow.api.database.DatasourceSelection;
import io.dmflow.api.database.EmbeddedPostgres;
import io.dmflow.api.startup.StartupFailure;
import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts dmflow. With no JDBC URL configured it first starts its own PostgreSQL, hands its URL to
 * Quarkus, and stops it only after the application has closed its last connection. Whatever keeps it
 * from starting is printed as one line, and the exit code is not 0.
 */
@QuarkusMain
public final class DmflowMain {

    /** Counted down once the main thread has stopped the application and the database. */
    private static final CountDownLatch MAIN_THREAD_DONE = new CountDownLatch(1);

    private DmflowMain() {}

    public static void main(String... args) {
        Optional<EmbeddedPostgres> embedded;
        try {
            embedded = startEmbeddedDatabase();
        } catch (RuntimeException e) {
            StartupFailure.report(e);
            System.exit(1);
            return;
        }

        int[] exitCode = {0};
        // Given an exit handler, Quarkus reports nothing of a failed start itself: the handler does.
        try {
            Quarkus.run(
                    null,
                    (code, failure) -> {
                        exitCode[0] = code;
                        if (failure != null) {
                            StartupFailure.report(failure);
                        }
                    },
                    args);
            embedded.ifPresent(EmbeddedPostgres::close);
        } finally {
            MAIN_THREAD_DONE.countDown();
        }
        if (!ApplicationLifecycleManager.isVmShuttingDown()) {
            System.exit(exitCode[0]);
        }
    }

    private static Optional<EmbeddedPostgres> startEmbeddedDatabase() {
        DatasourceSelection selection = DatasourceSelection.ofThisProcess();
        if (selection.configuredJdbcUrl().isPresent()) {
            return Optional.empty();
        }
        EmbeddedPostgres database = EmbeddedPostgres.start(selection.embeddedDataDirectory(), true);
        System.setProperty("quarkus.datasource.jdbc.url", database.jdbcUrl());
        System.setProperty("quarkus.datasource.username", database.username());
        System.setProperty("quarkus.datasource.password", "");
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            // On SIGTERM Quarkus stops the application in its own hook, after which the main thread
                            // returns from Quarkus.run and stops the database; the JVM must not halt before. (Waiting
                            // for the main thread to end would hang when it is the one calling System.exit.)
                            try {
                                MAIN_THREAD_DONE.await(60, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            database.close();
                        },
                        "dmflow-embedded-postgres-stop"));
        return Optional.of(database);
    }
}
