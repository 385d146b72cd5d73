package io.dmflow.api.security;

import io.dmflow.api.secret.SecretBox;
import io.dmflow.api.secret.SecretSealing;
import io.dmflow.lwm2m.security.ClientCredentials;
import io.dmflow.lwm2m.security.ClientCredentials.PskCredentials;
import io.dmflow.lwm2m.security.ClientCredentials.RpkCredentials;
import io.dmflow.lwm2m.security.CredentialStore;
import io.dmflow.lwm2m.security.DuplicateIdentityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Device credentials in PostgreSQL ({@code dmflow.device_credentials}), for one scope. Read on every DTLS handshake
 * and registration: one indexed query each.
 */
public final class PostgresCredentialStore implements CredentialStore {

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final CredentialScope scope;
    private final SecretBox secrets;

    /** @param secrets seals PSKs before they are stored, and opens them when read */
    public PostgresCredentialStore(DataSource dataSource, CredentialScope scope, SecretBox secrets) {
        this.dataSource = dataSource;
        this.scope = scope;
        this.secrets = secrets;
    }

    @Override
    public Optional<ClientCredentials> byEndpoint(String endpoint) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT mode, psk_identity, psk_key, public_key "
                        + "FROM dmflow.device_credentials WHERE endpoint = ? AND scope = ?")) {
            query.setString(1, endpoint);
            query.setString(2, scope.column());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(credentials(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the credentials of " + endpoint, e);
        }
    }

    @Override
    public Optional<String> endpointOfPskIdentity(String identity) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT endpoint FROM dmflow.device_credentials WHERE scope = ? AND psk_identity = ?")) {
            query.setString(1, scope.column());
            query.setString(2, identity);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up a PSK identity", e);
        }
    }

    @Override
    public Map<String, ClientCredentials> all() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT endpoint, mode, psk_identity, psk_key, "
                        + "public_key FROM dmflow.device_credentials WHERE scope = ? ORDER BY endpoint")) {
            query.setString(1, scope.column());
            Map<String, ClientCredentials> all = new LinkedHashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    all.put(rows.getString("endpoint"), credentials(rows));
                }
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read device credentials", e);
        }
    }

    @Override
    public Optional<ClientCredentials> put(String endpoint, ClientCredentials credentials) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Optional<ClientCredentials> previous = lockedCurrent(connection, endpoint);
                refuseDuplicates(connection, endpoint, credentials);
                try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO dmflow.device_credentials "
                        + "(endpoint, scope, mode, psk_identity, psk_key, public_key, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, now()) ON CONFLICT (endpoint, scope) DO UPDATE SET "
                        + "mode = EXCLUDED.mode, psk_identity = EXCLUDED.psk_identity, psk_key = EXCLUDED.psk_key, "
                        + "public_key = EXCLUDED.public_key, updated_at = now()")) {
                    upsert.setString(1, endpoint);
                    upsert.setString(2, scope.column());
                    upsert.setString(3, credentials.mode().name().toLowerCase(java.util.Locale.ROOT));
                    PskCredentials psk = credentials instanceof PskCredentials p ? p : null;
                    RpkCredentials rpk = credentials instanceof RpkCredentials r ? r : null;
                    upsert.setString(4, psk == null ? null : psk.identity());
                    upsert.setBytes(5, psk == null ? null : secrets.seal(SecretSealing.DEVICE_PSK, psk.key()));
                    upsert.setBytes(6, rpk == null ? null : rpk.publicKey().getEncoded());
                    upsert.executeUpdate();
                }
                connection.commit();
                return previous;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                // A concurrent writer took the identity between our check and our insert.
                throw new DuplicateIdentityException("the PSK identity or public key", "another endpoint");
            }
            throw new IllegalStateException("Could not store the credentials of " + endpoint, e);
        }
    }

    @Override
    public Optional<ClientCredentials> remove(String endpoint) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM dmflow.device_credentials "
                        + "WHERE endpoint = ? AND scope = ? RETURNING mode, psk_identity, psk_key, public_key")) {
            delete.setString(1, endpoint);
            delete.setString(2, scope.column());
            try (ResultSet row = delete.executeQuery()) {
                return row.next() ? Optional.of(credentials(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not remove the credentials of " + endpoint, e);
        }
    }

    private Optional<ClientCredentials> lockedCurrent(Connection connection, String endpoint) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT mode, psk_identity, psk_key, public_key "
                + "FROM dmflow.device_credentials WHERE endpoint = ? AND scope = ? FOR UPDATE")) {
            query.setString(1, endpoint);
            query.setString(2, scope.column());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(credentials(row)) : Optional.empty();
            }
        }
    }

    private void refuseDuplicates(Connection connection, String endpoint, ClientCredentials credentials)
            throws SQLException {
        String column;
        Object value;
        String what;
        if (credentials instanceof PskCredentials psk) {
            column = "psk_identity";
            value = psk.identity();
            what = "PSK identity " + psk.identity();
        } else if (credentials instanceof RpkCredentials rpk) {
            column = "public_key";
            value = rpk.publicKey().getEncoded();
            what = "public key " + rpk.fingerprint();
        } else {
            return;
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT endpoint FROM dmflow.device_credentials "
                + "WHERE scope = ? AND " + column + " = ? AND endpoint <> ? LIMIT 1")) {
            query.setString(1, scope.column());
            query.setObject(2, value);
            query.setString(3, endpoint);
            try (ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    throw new DuplicateIdentityException(what, row.getString(1));
                }
            }
        }
    }

    private ClientCredentials credentials(ResultSet row) throws SQLException {
        String mode = row.getString("mode");
        return switch (mode) {
            case "psk" ->
                ClientCredentials.psk(
                        row.getString("psk_identity"), secrets.open(SecretSealing.DEVICE_PSK, row.getBytes("psk_key")));
            case "rpk" -> ClientCredentials.rpk(RpkCredentials.decodePublicKey(row.getBytes("public_key")));
            case "x509" -> ClientCredentials.x509();
            default -> throw new IllegalStateException("unknown credential mode in the database: " + mode);
        };
    }
}
