package io.dmflow.api.testing;

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
 * where an execution's cost goes without a profiler; phases of one kind add up ({@link Work#plus}).
 */
public final class WorkMeter {

    private static final double CLOCK_TICKS_PER_SECOND = 100.0;

    private final DataSource dataSource;
    private final Snapshot start;

    private WorkMeter(DataSource dataSource) {
        this.dataSource = dataSource;
        this.start = snapshot();
    }

    public static WorkMeter start(DataSource dataSource) {
        return new WorkMeter(dataSource);
    }

    /** The phase's cost per unit of work (e.g. per execution), as lines to print. */
    public String report(String unit, int count) {
        return stop().report(unit, count);
    }

    /** What the phase cost from its start until now. */
    public Work stop() {
        Snapshot end = snapshot();
        return new Work(
                end.jvmCpuNanos - start.jvmCpuNanos,
                end.postgresTicks - start.postgresTicks,
                end.commits - start.commits,
                difference(end.rowsWritten, start.rowsWritten),
                difference(end.threadTicks, start.threadTicks));
    }

    private static Map<String, Long> difference(Map<String, Long> end, Map<String, Long> start) {
        Map<String, Long> difference = new HashMap<>();
        end.forEach((key, value) -> {
            long grown = value - start.getOrDefault(key, 0L);
            if (grown > 0) {
                difference.put(key, grown);
            }
        });
        return difference;
    }

    /**
     * The work of one or more phases: CPU nanoseconds of this JVM, CPU ticks of its PostgreSQL, transactions, rows
     * written per table and CPU ticks per thread name.
     */
    public record Work(
            long jvmCpuNanos,
            long postgresTicks,
            long commits,
            Map<String, Long> rowsWritten,
            Map<String, Long> threadTicks) {

        public static final Work NONE = new Work(0, 0, 0, Map.of(), Map.of());

        public Work plus(Work other) {
            return new Work(
                    jvmCpuNanos + other.jvmCpuNanos,
                    postgresTicks + other.postgresTicks,
                    commits + other.commits,
                    sum(rowsWritten, other.rowsWritten),
                    sum(threadTicks, other.threadTicks));
        }

        private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
            Map<String, Long> sum = new HashMap<>(a);
            b.forEach((key, value) -> sum.merge(key, value, Long::sum));
            return sum;
        }

        /** The cost per unit of work (e.g. per execution), as lines to print. */
        public String report(String unit, double count) {
            StringBuilder lines = new StringBuilder(String.format(
                    "cost per %s: JVM CPU %.1f ms, PostgreSQL CPU %.1f ms, %.1f transactions%n  rows written per %s:",
                    unit,
                    jvmCpuNanos / 1e6 / count,
                    postgresTicks / CLOCK_TICKS_PER_SECOND * 1e3 / count,
                    commits / count,
                    unit));
            rowsWritten.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(
                            entry -> lines.append(String.format(" %s %.1f", entry.getKey(), entry.getValue() / count)));
            lines.append(System.lineSeparator())
                    .append("  JVM CPU per ")
                    .append(unit)
                    .append(" by thread:");
            threadTicks.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(12)
                    .forEach(entry -> lines.append(String.format(
                            " %s %.1f ms", entry.getKey(), entry.getValue() / CLOCK_TICKS_PER_SECOND * 1e3 / count)));
            return lines.append(System.lineSeparator()).toString();
        }
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
