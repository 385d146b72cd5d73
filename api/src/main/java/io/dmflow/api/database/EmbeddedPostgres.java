package io.dmflow.api.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * A PostgreSQL server of dmflow's own, for machines that have none: real PostgreSQL binaries (from
 * Maven Central) run on a free loopback port with their data in a folder that outlives the process.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);
    private static final String DATABASE = "dmflow";
    private static final String SUPERUSER = "postgres";

    private final Path dataDirectory;
    private final DataFolderLock claim;
    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgres(
            Path dataDirectory, DataFolderLock claim, io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        this.dataDirectory = dataDirectory;
        this.claim = claim;
        this.server = server;
    }

    /**
     * Starts PostgreSQL on the data in {@code dataDirectory}, creating it on first use, and holds the folder
     * until {@link #close()}. A server left running by a process that was killed is stopped first, so that a
     * crash never locks the data; a folder held by a running process is refused and its server left alone.
     *
     * @param durable whether every commit reaches the disk before it is acknowledged; throw-away test
     *        databases go faster without
     * @throws io.dmflow.api.startup.CannotStart if another process holds the folder
     */
    public static EmbeddedPostgres start(Path dataDirectory, boolean durable) {
        DataFolderLock claim = null;
        try {
            Files.createDirectories(dataDirectory);
            claim = DataFolderLock.claim(dataDirectory);
            stopOrphanedServer(dataDirectory);
            long startedAt = System.nanoTime();
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres server =
                    io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                            .setDataDirectory(dataDirectory)
                            .setCleanDataDirectory(false)
                            // Shutdown is ordered by the application: the database stops after the last connection
                            // closes.
                            .setRegisterShutdownHook(false)
                            .setPGStartupWait(Duration.ofSeconds(60))
                            .setServerConfig("listen_addresses", "127.0.0.1")
                            .setServerConfig("max_connections", "200")
                            // The library starts PostgreSQL with fsync off, fit for tests only; these settings come
                            // later
                            // on its command line and win.
                            .setServerConfig("fsync", durable ? "on" : "off")
                            .setServerConfig("synchronous_commit", durable ? "on" : "off")
                            .setServerConfig("full_page_writes", durable ? "on" : "off")
                            .start();
            EmbeddedPostgres database = new EmbeddedPostgres(dataDirectory, claim, server);
            try {
                database.createApplicationDatabase();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            LOG.infof(
                    "Embedded PostgreSQL started on 127.0.0.1:%d with data in %s (%d ms)",
                    server.getPort(), dataDirectory, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
            return database;
        } catch (IOException e) {
            release(claim);
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        } catch (RuntimeException e) {
            release(claim);
            throw e;
        }
    }

    private static void release(DataFolderLock claim) {
        if (claim != null) {
            claim.close();
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + DATABASE;
    }

    public String username() {
        return SUPERUSER;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The file that holds the data folder for this process (beside the folder, and left there on close). */
    public Path lockFile() {
        return claim.file();
    }

    public int port() {
        return server.getPort();
    }

    private void createApplicationDatabase() {
        String adminUrl = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
        try (Connection connection = DriverManager.getConnection(adminUrl, SUPERUSER, "");
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet row = exists.executeQuery()) {
                if (!row.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + DATABASE);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not create the database '" + DATABASE + "' in the embedded PostgreSQL", e);
        }
    }

    private static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> postmaster =
                lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
        if (postmaster.isPresent() && postmaster.get().isAlive() && isPostgres(postmaster.get())) {
            LOG.warnf(
                    "Stopping PostgreSQL (pid %d) left running on %s by a previous run",
                    postmaster.get().pid(), dataDirectory);
            postmaster.get().destroy();
            try {
                postmaster.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(
                        "PostgreSQL left running on " + dataDirectory + " (pid "
                                + postmaster.get().pid() + ") did not stop; stop it and start dmflow again",
                        e);
            }
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info()
                .command()
                .map(command -> command.endsWith("postgres"))
                .orElse(false);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
            LOG.infof("Embedded PostgreSQL on %s stopped", dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the embedded PostgreSQL on " + dataDirectory, e);
        } finally {
            claim.close();
        }
    }
}
