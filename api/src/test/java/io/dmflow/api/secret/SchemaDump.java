package io.dmflow.api.secret;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@code pg_dump --schema=dmflow} of the test database writes, as an operator's backup would hold it. pg_dump
 * refuses a server newer than itself, and the embedded PostgreSQL binaries ship none: without a pg_dump at least as
 * new as the server (on the PATH or under /usr/lib/postgresql), the calling test is skipped.
 */
public final class SchemaDump {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    private SchemaDump() {}

    /** The dump's bytes as ISO-8859-1 text, so that raw bytes can be searched for as well as hex and base64. */
    public static String of(String jdbcUrl, String user, Optional<String> password)
            throws IOException, InterruptedException, SQLException {
        int server = serverMajor(jdbcUrl, user, password);
        Optional<Path> pgDump = candidates().stream()
                .filter(candidate -> major(candidate).orElse(0) >= server)
                .findFirst();
        assumeTrue(
                pgDump.isPresent(),
                "no pg_dump of PostgreSQL " + server + " or newer (PATH, /usr/lib/postgresql/*/bin): the test database"
                        + " is PostgreSQL " + server + "; run with DMFLOW_TEST_JDBC_URL naming a server pg_dump can"
                        + " dump, e.g. jdbc:postgresql://127.0.0.1:5432/<database>");
        URI address = URI.create(jdbcUrl.substring("jdbc:".length()));
        List<String> command = List.of(
                pgDump.get().toString(),
                "--schema=dmflow",
                "--no-password",
                "--host=" + address.getHost(),
                "--port=" + (address.getPort() < 0 ? 5432 : address.getPort()),
                "--username=" + user,
                "--dbname=" + address.getPath().substring(1));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        password.filter(text -> !text.isEmpty())
                .ifPresent(text -> builder.environment().put("PGPASSWORD", text));
        Path out = Files.createTempFile("dmflow-dump-", ".sql");
        try {
            Process process = builder.redirectOutput(out.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("pg_dump did not finish within 60 s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("pg_dump failed (" + process.exitValue() + "): " + command);
            }
            return new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Whether the dump holds the key in clear: its bytes as they are, in hex (bytea's form) or in base64. */
    public static boolean holds(String dump, byte[] key) {
        return dump.contains(HexFormat.of().formatHex(key))
                || dump.contains(Base64.getEncoder().encodeToString(key))
                || dump.contains(new String(key, StandardCharsets.ISO_8859_1));
    }

    private static int serverMajor(String jdbcUrl, String user, Optional<String> password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password.orElse(""));
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW server_version_num")) {
            row.next();
            return Integer.parseInt(row.getString(1)) / 10000;
        }
    }

    /** The newest installed pg_dump first, then the PATH's. */
    private static List<Path> candidates() throws IOException {
        List<Path> candidates = new ArrayList<>();
        Path installed = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(installed)) {
            try (Stream<Path> versions = Files.list(installed)) {
                versions.map(version -> version.resolve("bin/pg_dump"))
                        .filter(Files::isExecutable)
                        .sorted(Comparator.comparing((Path p) -> major(p).orElse(0))
                                .reversed())
                        .forEach(candidates::add);
            }
        }
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path onPath = Path.of(folder, "pg_dump");
            if (!folder.isEmpty() && Files.isExecutable(onPath)) {
                candidates.add(onPath);
            }
        }
        return candidates;
    }

    private static Optional<Integer> major(Path pgDump) {
        try {
            Process process = new ProcessBuilder(pgDump.toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            Matcher matcher = VERSION.matcher(version);
            return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
