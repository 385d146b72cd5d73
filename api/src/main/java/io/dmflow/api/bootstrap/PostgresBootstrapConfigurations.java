package io.dmflow.api.bootstrap;

import io.dmflow.api.secret.SecretBox;
import io.dmflow.api.secret.SecretSealing;
import io.dmflow.lwm2m.bootstrap.BootstrapConfiguration;
import io.dmflow.lwm2m.bootstrap.BootstrapConfigurations;
import io.dmflow.lwm2m.bootstrap.ServerAssignment;
import io.dmflow.lwm2m.bootstrap.ServerDefinition;
import io.dmflow.lwm2m.bootstrap.ServerKind;
import io.dmflow.lwm2m.security.ClientCredentials;
import io.dmflow.lwm2m.security.ClientCredentials.PskCredentials;
import io.dmflow.lwm2m.security.ClientCredentials.RpkCredentials;
import io.dmflow.lwm2m.security.SecurityMode;
import io.dmflow.workers.store.BootstrapConfigurationStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/** Named LwM2M servers and devices' bootstrap configurations in PostgreSQL. */
@ApplicationScoped
public class PostgresBootstrapConfigurations implements BootstrapConfigurations, BootstrapConfigurationStore {

    /** A server with dmflow's own flag: whether devices' credentials for it go into dmflow's security store. */
    public record StoredServer(ServerDefinition definition, boolean provisionCredentials) {}

    @Inject
    DataSource dataSource;

    /** Seals the PSKs and private keys handed to devices before they are stored. */
    @Inject
    SecretBox secrets;

    // ---- named servers

    public List<StoredServer> servers() {
        return queryServers("SELECT * FROM dmflow.lwm2m_server ORDER BY name", null);
    }

    public Optional<StoredServer> storedServer(String name) {
        return queryServers("SELECT * FROM dmflow.lwm2m_server WHERE name = ?", name).stream()
                .findFirst();
    }

    @Override
    public Optional<ServerDefinition> server(String name) {
        return storedServer(name).map(StoredServer::definition);
    }

    @Override
    public Optional<ServerDefinition> serverWithShortId(int shortServerId) {
        return servers().stream()
                .map(StoredServer::definition)
                .filter(server -> server.kind() == ServerKind.MANAGEMENT && server.shortServerId() == shortServerId)
                .findFirst();
    }

    public void putServer(ServerDefinition server, boolean provisionCredentials) {
        update(
                "INSERT INTO dmflow.lwm2m_server (name, kind, uri, short_server_id, security_mode, server_public_key, "
                        + "lifetime_seconds, binding, notification_storing, client_hold_off_seconds, provision_credentials, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()) ON CONFLICT (name) DO UPDATE SET "
                        + "kind = EXCLUDED.kind, uri = EXCLUDED.uri, short_server_id = EXCLUDED.short_server_id, "
                        + "security_mode = EXCLUDED.security_mode, server_public_key = EXCLUDED.server_public_key, "
                        + "lifetime_seconds = EXCLUDED.lifetime_seconds, binding = EXCLUDED.binding, "
                        + "notification_storing = EXCLUDED.notification_storing, "
                        + "client_hold_off_seconds = EXCLUDED.client_hold_off_seconds, "
                        + "provision_credentials = EXCLUDED.provision_credentials, updated_at = now()",
                server.name(),
                server.kind().name().toLowerCase(Locale.ROOT),
                server.uri().toString(),
                server.shortServerId(),
                modeColumn(server.securityMode()),
                server.serverPublicKey().map(PublicKey::getEncoded).orElse(null),
                server.lifetime().toSeconds(),
                server.binding(),
                server.notificationStoring(),
                server.clientHoldOff().toSeconds(),
                provisionCredentials);
    }

    /** @return the endpoints whose configurations name the server (it is then kept) */
    public List<String> deleteServer(String name) {
        List<String> users = endpointsUsing(name);
        if (users.isEmpty()) {
            update("DELETE FROM dmflow.lwm2m_server WHERE name = ?", name);
        }
        return users;
    }

    public boolean serverExists(String name) {
        return storedServer(name).isPresent();
    }

    private List<String> endpointsUsing(String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT DISTINCT endpoint FROM "
                        + "dmflow.bootstrap_assignment WHERE server_name = ? ORDER BY endpoint LIMIT 10")) {
            query.setString(1, name);
            List<String> endpoints = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    endpoints.add(rows.getString(1));
                }
            }
            return endpoints;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not find the configurations using server " + name, e);
        }
    }

    // ---- bootstrap configurations

    @Override
    public Optional<BootstrapConfiguration> forEndpoint(String endpoint) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT server_name, mode, psk_identity, "
                        + "psk_key, public_key, private_key FROM dmflow.bootstrap_assignment WHERE endpoint = ? "
                        + "ORDER BY position")) {
            query.setString(1, endpoint);
            List<ServerAssignment> servers = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    servers.add(new ServerAssignment(rows.getString("server_name"), credentials(rows)));
                }
            }
            return servers.isEmpty() ? Optional.empty() : Optional.of(new BootstrapConfiguration(endpoint, servers));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the bootstrap configuration of " + endpoint, e);
        }
    }

    /** Replaces the configuration of its endpoint, all at once. */
    @Override
    public void put(BootstrapConfiguration configuration) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement delete =
                        connection.prepareStatement("DELETE FROM dmflow.bootstrap_assignment WHERE endpoint = ?")) {
                    delete.setString(1, configuration.endpoint());
                    delete.executeUpdate();
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dmflow.bootstrap_assignment "
                        + "(endpoint, position, server_name, mode, psk_identity, psk_key, public_key, private_key) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    int position = 0;
                    for (ServerAssignment assignment : configuration.servers()) {
                        ClientCredentials credentials = assignment.credentials().orElse(null);
                        PskCredentials psk = credentials instanceof PskCredentials p ? p : null;
                        RpkCredentials rpk = credentials instanceof RpkCredentials r ? r : null;
                        insert.setString(1, configuration.endpoint());
                        insert.setInt(2, position++);
                        insert.setString(3, assignment.serverName());
                        insert.setString(4, credentials == null ? null : modeColumn(credentials.mode()));
                        insert.setString(5, psk == null ? null : psk.identity());
                        insert.setBytes(6, psk == null ? null : secrets.seal(SecretSealing.BOOTSTRAP_PSK, psk.key()));
                        insert.setBytes(7, rpk == null ? null : rpk.publicKey().getEncoded());
                        insert.setBytes(
                                8,
                                rpk == null
                                        ? null
                                        : secrets.seal(
                                                SecretSealing.BOOTSTRAP_PRIVATE_KEY,
                                                rpk.privateKey()
                                                        .map(java.security.PrivateKey::getEncoded)
                                                        .orElse(null)));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not store the bootstrap configuration of " + configuration.endpoint(), e);
        }
    }

    public boolean remove(String endpoint) {
        return update("DELETE FROM dmflow.bootstrap_assignment WHERE endpoint = ?", endpoint) > 0;
    }

    // ---- rows

    private List<StoredServer> queryServers(String sql, String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            if (name != null) {
                query.setString(1, name);
            }
            List<StoredServer> servers = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    byte[] key = rows.getBytes("server_public_key");
                    ServerDefinition definition = new ServerDefinition(
                            rows.getString("name"),
                            ServerKind.parse(rows.getString("kind")),
                            URI.create(rows.getString("uri")),
                            rows.getInt("short_server_id"),
                            SecurityMode.parse(rows.getString("security_mode")),
                            key == null ? Optional.empty() : Optional.of(RpkCredentials.decodePublicKey(key)),
                            Duration.ofSeconds(rows.getLong("lifetime_seconds")),
                            rows.getString("binding"),
                            rows.getBoolean("notification_storing"),
                            Duration.ofSeconds(rows.getLong("client_hold_off_seconds")));
                    servers.add(new StoredServer(definition, rows.getBoolean("provision_credentials")));
                }
            }
            return servers;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read LwM2M servers", e);
        }
    }

    private Optional<ClientCredentials> credentials(ResultSet row) throws SQLException {
        String mode = row.getString("mode");
        if (mode == null) {
            return Optional.empty();
        }
        return Optional.of(
                switch (mode) {
                    case "psk" ->
                        ClientCredentials.psk(
                                row.getString("psk_identity"),
                                secrets.open(SecretSealing.BOOTSTRAP_PSK, row.getBytes("psk_key")));
                    case "rpk" ->
                        ClientCredentials.rpk(
                                RpkCredentials.decodePublicKey(row.getBytes("public_key")),
                                RpkCredentials.decodePrivateKey(secrets.open(
                                        SecretSealing.BOOTSTRAP_PRIVATE_KEY, row.getBytes("private_key"))));
                    default -> throw new IllegalStateException("unknown credential mode in the database: " + mode);
                });
    }

    private static String modeColumn(SecurityMode mode) {
        return switch (mode) {
            case NO_SEC -> "nosec";
            case PSK -> "psk";
            case RPK -> "rpk";
            case X509 -> "x509";
        };
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change LwM2M servers or bootstrap configurations", e);
        }
    }
}
