package io.dmflow.api.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * What a phase of a benchmark cost: CPU of this JVM and of the PostgreSQL processes it started, the
 * transactions committed and the rows written per table. Divided by the executions of the phase, it shows
 * where an execution's cost goes without a profiler.
 */
final class WorkMeter {

    private static final double CLOCK_TICKS_PER_SECOND = 100.0;

    private final DataSource dataSource;
    private final Snapshot start;

    private WorkMeter(DataSource dataSource) {
        this.dataSource = dataSource;
        this.start = snapshot();
    }

    static WorkMeter start(DataSource dataSource) {
        return new WorkMeter(dataSource);
    }

    /** The phase's cost per unit of work (e.g. per execution), as lines to print. */
    String report(String unit, int count) {
        Snapshot end = snapshot();
        double jvm = (end.jvmCpuNanos - start.jvmCpuNanos) / 1e6 / count;
        double postgres = (end.postgresTicks - start.postgresTicks) / CLOCK_TICKS_PER_SECOND * 1e3 / count;
        StringBuilder rows = new StringBuilder(String.format(
                "cost per %s: JVM CPU %.1f ms, PostgreSQL CPU %.1f ms, %.1f transactions%n  rows written per %s:",
                unit, jvm, postgres, (end.commits - start.commits) / (double) count, unit));
        end.rowsWritten.entrySet().stream()
                .map(entry -> Map.entry(
                        entry.getKey(), entry.getValue() - start.rowsWritten.getOrDefault(entry.getKey(), 0L)))
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry ->
                        rows.append(String.format(" %s %.1f", entry.getKey(), entry.getValue() / (double) count)));
        rows.append(System.lineSeparator())
                .append("  JVM CPU per ")
                .append(unit)
                .append(" by thread:");
        end.threadTicks.entrySet().stream()
                .map(entry -> Map.entry(
                        entry.getKey(), entry.getValue() - start.threadTicks.getOrDefault(entry.getKey(), 0L)))
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(12)
                .forEach(entry -> rows.append(String.format(
                        " %s %.1f ms", entry.getKey(), entry.getValue() / CLOCK_TICKS_PER_SECOND * 1e3 / count)));
        return rows.append(System.lineSeparator()).toString();
    }

    private record Snapshot(
            long jvmCpuNanos,
            long postgresTicks,
            long commits,
            Map<String, Long> rowsWritten,
            Map<String, Long> threadTicks) {}

    private Snapshot snapshot() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            // Statistics reach the views when a backend reports them; a new snapshot makes this one see them.
            statement.execute("SELECT pg_stat_clear_snapshot()");
            long commits;
            try (ResultSet result = statement.executeQuery(
                    "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
                result.next();
                commits = result.getLong(1);
            }
            Map<String, Long> rows = new HashMap<>();
            try (ResultSet result = statement.executeQuery(
                    "SELECT schemaname || '.' || relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables")) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getLong(2));
                }
            }
            return new Snapshot(jvm, postgresTicks(), commits, rows, threadTicks());
        } catch (SQLException e) {
            throw new IllegalStateException("could not read PostgreSQL's statistics", e);
        }
    }

    /**
     * CPU ticks of this JVM's threads by name without its number, the compiler's and the collector's included
     * (a profiler sees only threads running Java code).
     */
    private static Map<String, Long> threadTicks() {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
            threads.forEach(thread -> {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[-#0-9]+$", "");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading
                }
            });
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    /** CPU ticks of every PostgreSQL process of this account (the system's own server runs as another user). */
    private static long postgresTicks() {
        String uid = ownUid();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(path -> path.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(path -> postgresTicks(path, uid))
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long postgresTicks(Path process, String uid) {
        try {
            List<String> status = Files.readAllLines(process.resolve("status"));
            boolean postgres = status.stream().anyMatch(line -> line.equals("Name:\tpostgres"));
            boolean ours = status.stream().anyMatch(line -> line.startsWith("Uid:\t" + uid + "\t"));
            if (!postgres || !ours) {
                return 0;
            }
            String stat = Files.readString(process.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are the 14th and 15th fields of stat; fields[0] here is the 3rd.
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended between listing and reading
        }
    }

    private static String ownUid() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .findFirst()
                    .map(line -> line.split("\t")[1])
                    .orElse("0");
        } catch (IOException e) {
            return "0";
        }
    }
}
