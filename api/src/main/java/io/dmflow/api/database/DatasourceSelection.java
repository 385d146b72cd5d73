package io.dmflow.api.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Decides, before Quarkus starts, whether dmflow brings its own PostgreSQL: only when the operator
 * configured no JDBC URL in any of the places Quarkus reads one from outside the application jar.
 */
public final class DatasourceSelection {

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String DATA_DIRECTORY = "dmflow.database.embedded.data-dir";

    private final Map<String, String> environment;
    private final Properties systemProperties;
    private final Path workingDirectory;

    public DatasourceSelection(Map<String, String> environment, Properties systemProperties, Path workingDirectory) {
        this.environment = environment;
        this.systemProperties = systemProperties;
        this.workingDirectory = workingDirectory;
    }

    public static DatasourceSelection ofThisProcess() {
        return new DatasourceSelection(
                System.getenv(), System.getProperties(), Path.of("").toAbsolutePath());
    }

    /** The JDBC URL the operator configured, if any. */
    public Optional<String> configuredJdbcUrl() {
        return lookup(JDBC_URL).filter(url -> !url.isBlank());
    }

    /** Where the embedded PostgreSQL keeps its data: configured, or {@code ~/.dmflow/postgres}. */
    public Path embeddedDataDirectory() {
        return lookup(DATA_DIRECTORY)
                .filter(dir -> !dir.isBlank())
                .map(Path::of)
                .orElse(Path.of(systemProperties.getProperty("user.home"), ".dmflow", "postgres"));
    }

    private Optional<String> lookup(String key) {
        String value = systemProperties.getProperty(key);
        if (value == null) {
            value = environment.get(environmentName(key));
        }
        if (value == null) {
            value = fileProperties(workingDirectory.resolve(".env")).getProperty(environmentName(key));
        }
        if (value == null) {
            value = fileProperties(workingDirectory.resolve("config").resolve("application.properties"))
                    .getProperty(key);
        }
        return Optional.ofNullable(value);
    }

    /** Quarkus's mapping of a property name to an environment variable. */
    static String environmentName(String key) {
        return key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    private static Properties fileProperties(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file, e);
            }
        }
        return properties;
    }
}
