package io.dmflow.api.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A database of a test's own on the PostgreSQL server that {@code DMFLOW_EXTERNAL_JDBC_URL} names (CI sets it to the
 * machine's server), created empty and dropped when closed, so that the packaged application started on it finds no
 * other test's rows. Tests that need it are enabled only where the variable is set.
 */
public final class ExternalDatabase implements AutoCloseable {

    public static final String URL_VARIABLE = "DMFLOW_EXTERNAL_JDBC_URL";

    private final String serverUrl;
    private final String user;
    private final String password;
    private final String name;

    private ExternalDatabase(String serverUrl, String user, String password, String name) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    /** Creates {@code <prefix>_<random>} on the server. */
    public static ExternalDatabase create(String prefix) throws SQLException {
        String serverUrl = System.getenv(URL_VARIABLE);
        if (serverUrl == null) {
            throw new IllegalStateException(URL_VARIABLE + " names no PostgreSQL server");
        }
        ExternalDatabase database = new ExternalDatabase(
                serverUrl,
                System.getenv().getOrDefault("DMFLOW_EXTERNAL_JDBC_USER", "postgres"),
                System.getenv().getOrDefault("DMFLOW_EXTERNAL_JDBC_PASSWORD", ""),
                (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT));
        database.onServer("CREATE DATABASE " + database.name);
        return database;
    }

    /** The server's URL with this database in place of the one it names, its parameters kept. */
    public String url() {
        int query = serverUrl.indexOf('?');
        String base = query < 0 ? serverUrl : serverUrl.substring(0, query);
        String parameters = query < 0 ? "" : serverUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + parameters;
    }

    /** The environment that points the packaged application at this database. */
    public Map<String, String> environment() {
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", url(),
                "QUARKUS_DATASOURCE_USERNAME", user,
                "QUARKUS_DATASOURCE_PASSWORD", password);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user, password);
    }

    private void onServer(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        onServer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
