package io.dmflow.api.bootstrap;

import io.dmflow.api.database.Sql;
import io.dmflow.api.secret.SecretBox;
import io.dmflow.api.secret.SecretSealing;
import io.dmflow.lwm2m.bootstrap.BootstrapConfiguration;
import io.dmflow.lwm2m.bootstrap.ServerAssignment;
import io.dmflow.lwm2m.security.ClientCredentials;
import io.dmflow.lwm2m.security.ClientCredentials.PskCredentials;
import io.dmflow.lwm2m.security.ClientCredentials.RpkCredentials;
import io.dmflow.lwm2m.security.SecurityMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What each device is given at its next bootstrap ({@code dmflow.bootstrap_assignment}): the named servers, in
 * order, each with the credentials the device gets for it, sealed at rest. Plain JDBC, as the bootstrap server reads
 * them during a device's bootstrap session, outside any request.
 */
@ApplicationScoped
public class BootstrapAssignments {

    @Inject
    Sql sql;

    /** Seals the PSKs and private keys handed to devices before they are stored. */
    @Inject
    SecretBox secrets;

    public Optional<BootstrapConfiguration> forEndpoint(String endpoint) {
        List<ServerAssignment> servers = sql.list(
                "SELECT server_name, mode, psk_identity, psk_key, public_key, private_key "
                        + "FROM dmflow.bootstrap_assignment WHERE endpoint = ? ORDER BY position",
                row -> new ServerAssignment(row.getString("server_name"), credentials(row)),
                endpoint);
        return servers.isEmpty() ? Optional.empty() : Optional.of(new BootstrapConfiguration(endpoint, servers));
    }

    /** Replaces the configuration of its endpoint, all at once. */
    public void put(BootstrapConfiguration configuration) {
        List<Object[]> rows = new ArrayList<>();
        int position = 0;
        for (ServerAssignment assignment : configuration.servers()) {
            ClientCredentials credentials = assignment.credentials().orElse(null);
            PskCredentials psk = credentials instanceof PskCredentials p ? p : null;
            RpkCredentials rpk = credentials instanceof RpkCredentials r ? r : null;
            rows.add(new Object[] {
                configuration.endpoint(),
                position++,
                assignment.serverName(),
                credentials == null ? null : modeColumn(credentials.mode()),
                psk == null ? null : psk.identity(),
                psk == null ? null : secrets.seal(SecretSealing.BOOTSTRAP_PSK, psk.key()),
                rpk == null ? null : rpk.publicKey().getEncoded(),
                rpk == null
                        ? null
                        : secrets.seal(
                                SecretSealing.BOOTSTRAP_PRIVATE_KEY,
                                rpk.privateKey().map(PrivateKey::getEncoded).orElse(null))
            });
        }
        sql.transaction(connection -> {
            Sql.update(
                    connection, "DELETE FROM dmflow.bootstrap_assignment WHERE endpoint = ?", configuration.endpoint());
            Sql.batch(
                    connection,
                    "INSERT INTO dmflow.bootstrap_assignment (endpoint, position, server_name, mode, psk_identity, "
                            + "psk_key, public_key, private_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    rows);
            return null;
        });
    }

    /** @return false when the device had no configuration */
    public boolean remove(String endpoint) {
        return sql.update("DELETE FROM dmflow.bootstrap_assignment WHERE endpoint = ?", endpoint) > 0;
    }

    /** Up to ten endpoints whose configurations name the server. */
    List<String> endpointsUsing(String serverName) {
        return sql.list(
                "SELECT DISTINCT endpoint FROM dmflow.bootstrap_assignment WHERE server_name = ? "
                        + "ORDER BY endpoint LIMIT 10",
                row -> row.getString(1),
                serverName);
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

    static String modeColumn(SecurityMode mode) {
        return switch (mode) {
            case NO_SEC -> "nosec";
            case PSK -> "psk";
            case RPK -> "rpk";
            case X509 -> "x509";
        };
    }
}
