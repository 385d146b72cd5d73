package io.dmflow.api.bootstrap;

import io.dmflow.api.database.Sql;
import io.dmflow.lwm2m.bootstrap.ServerDefinition;
import io.dmflow.lwm2m.bootstrap.ServerKind;
import io.dmflow.lwm2m.security.ClientCredentials.RpkCredentials;
import io.dmflow.lwm2m.security.SecurityMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.security.PublicKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The named LwM2M servers ({@code dmflow.lwm2m_server}) that bootstrap configurations refer to. Plain JDBC, as the
 * bootstrap server reads them during a device's bootstrap session, outside any request.
 */
@ApplicationScoped
public class NamedServers {

    @Inject
    Sql sql;

    @Inject
    BootstrapAssignments assignments;

    public List<StoredServer> all() {
        return sql.list("SELECT * FROM dmflow.lwm2m_server ORDER BY name", NamedServers::server);
    }

    public Optional<StoredServer> find(String name) {
        return sql.first("SELECT * FROM dmflow.lwm2m_server WHERE name = ?", NamedServers::server, name);
    }

    /** The management server with this Short Server ID. */
    public Optional<ServerDefinition> withShortId(int shortServerId) {
        return all().stream()
                .map(StoredServer::definition)
                .filter(server -> server.kind() == ServerKind.MANAGEMENT && server.shortServerId() == shortServerId)
                .findFirst();
    }

    public boolean exists(String name) {
        return find(name).isPresent();
    }

    /** Creates or replaces the server of that name. */
    public void put(ServerDefinition server, boolean provisionCredentials) {
        sql.update(
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
                BootstrapAssignments.modeColumn(server.securityMode()),
                server.serverPublicKey().map(PublicKey::getEncoded).orElse(null),
                server.lifetime().toSeconds(),
                server.binding(),
                server.notificationStoring(),
                server.clientHoldOff().toSeconds(),
                provisionCredentials);
    }

    /**
     * Removes the server unless a device's bootstrap configuration names it.
     *
     * @return the endpoints whose configurations name the server (it is then kept)
     */
    public List<String> delete(String name) {
        List<String> users = assignments.endpointsUsing(name);
        if (users.isEmpty()) {
            sql.update("DELETE FROM dmflow.lwm2m_server WHERE name = ?", name);
        }
        return users;
    }

    private static StoredServer server(ResultSet row) throws SQLException {
        byte[] key = row.getBytes("server_public_key");
        ServerDefinition definition = new ServerDefinition(
                row.getString("name"),
                ServerKind.parse(row.getString("kind")),
                URI.create(row.getString("uri")),
                row.getInt("short_server_id"),
                SecurityMode.parse(row.getString("security_mode")),
                key == null ? Optional.empty() : Optional.of(RpkCredentials.decodePublicKey(key)),
                Duration.ofSeconds(row.getLong("lifetime_seconds")),
                row.getString("binding"),
                row.getBoolean("notification_storing"),
                Duration.ofSeconds(row.getLong("client_hold_off_seconds")));
        return new StoredServer(definition, row.getBoolean("provision_credentials"));
    }
}
