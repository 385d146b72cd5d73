package io.dmflow.api.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasourceSelectionTest {

    @TempDir
    Path workingDirectory;

    private Properties systemProperties(String... keyValues) {
        Properties properties = new Properties();
        properties.setProperty("user.home", "/home/operator");
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void withNothingConfiguredDmflowBringsItsOwnDatabaseUnderTheHomeFolder() {
        DatasourceSelection selection = new DatasourceSelection(Map.of(), systemProperties(), workingDirectory);
        assertThat(selection.configuredJdbcUrl()).isEmpty();
        assertThat(selection.embeddedDataDirectory()).isEqualTo(Path.of("/home/operator/.dmflow/postgres"));
    }

    @Test
    void aJdbcUrlFromTheEnvironmentMeansNoEmbeddedDatabase() {
        DatasourceSelection selection = new DatasourceSelection(
                Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://db:5432/dmflow"),
                systemProperties(),
                workingDirectory);
        assertThat(selection.configuredJdbcUrl()).contains("jdbc:postgresql://db:5432/dmflow");
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironment() {
        DatasourceSelection selection = new DatasourceSelection(
                Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://env/x"),
                systemProperties("quarkus.datasource.jdbc.url", "jdbc:postgresql://prop/x"),
                workingDirectory);
        assertThat(selection.configuredJdbcUrl()).contains("jdbc:postgresql://prop/x");
    }

    @Test
    void theWorkingDirectorysConfigFileAndDotEnvAreRead() throws IOException {
        Files.createDirectories(workingDirectory.resolve("config"));
        Files.writeString(
                workingDirectory.resolve("config/application.properties"),
                "quarkus.datasource.jdbc.url=jdbc:postgresql://file/x\n");
        assertThat(new DatasourceSelection(Map.of(), systemProperties(), workingDirectory).configuredJdbcUrl())
                .contains("jdbc:postgresql://file/x");

        Files.writeString(workingDirectory.resolve(".env"), "DMFLOW_DATABASE_EMBEDDED_DATA_DIR=/srv/dmflow-data\n");
        assertThat(new DatasourceSelection(Map.of(), systemProperties(), workingDirectory).embeddedDataDirectory())
                .isEqualTo(Path.of("/srv/dmflow-data"));
    }

    @Test
    void aBlankUrlCountsAsNone() {
        DatasourceSelection selection = new DatasourceSelection(
                Map.of("QUARKUS_DATASOURCE_JDBC_URL", " "), systemProperties(), workingDirectory);
        assertThat(selection.configuredJdbcUrl()).isEmpty();
    }
}
