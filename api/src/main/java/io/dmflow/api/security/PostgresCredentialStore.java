package io.dmflow.api.security;

import io.dmflow.api.database.Sql;
import io.dmflow.api.secret.SecretBox;
import io.dmflow.api.secret.SecretSealing;
import io.dmflow.lwm2m.security.ClientCredentials;
import io.dmflow.lwm2m.security.ClientCredentials.PskCredentials;
import io.dmflow.lwm2m.security.ClientCredentials.RpkCredentials;
import io.dmflow.lwm2m.security.CredentialStore;
import io.dmflow.lwm2m.security.DuplicateIdentityException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Device credentials in PostgreSQL ({@code dmflow.device_credentials}), for one scope. Read on every DTLS handshake
 * and registration: one indexed query each.
 */
public final class PostgresCredentialStore implements CredentialStore {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "mode, psk_identity, psk_key, public_key";

    private final Sql sql;
    private final CredentialScope scope;
    private final SecretBox secrets;

    /** @param secrets seals PSKs before they are stored, and opens them when read */
    public PostgresCredentialStore(Sql sql, CredentialScope scope, SecretBox secrets) {
        this.sql = sql;
        this.scope = scope;
        this.secrets = secrets;
    }

    @Override
    public Optional<ClientCredentials> byEndpoint(String endpoint) {
        return sql.first(
                "SELECT " + COLUMNS + " FROM dmflow.device_credentials WHERE endpoint = ? AND scope = ?",
                this::credentials,
                endpoint,
                scope.column());
    }

    @Override
    public Optional<String> endpointOfPskIdentity(String identity) {
        return sql.first(
                "SELECT endpoint FROM dmflow.device_credentials WHERE scope = ? AND psk_identity = ?",
                row -> row.getString(1),
                scope.column(),
                identity);
    }

    @Override
    public Map<String, ClientCredentials> all() {
        Map<String, ClientCredentials> all = new LinkedHashMap<>();
        sql.list(
                        "SELECT endpoint, " + COLUMNS
                                + " FROM dmflow.device_credentials WHERE scope = ? ORDER BY endpoint",
                        row -> Map.entry(row.getString("endpoint"), credentials(row)),
                        scope.column())
                .forEach(entry -> all.put(entry.getKey(), entry.getValue()));
        return all;
    }

    @Override
    public Optional<ClientCredentials> put(String endpoint, ClientCredentials credentials) {
        PskCredentials psk = credentials instanceof PskCredentials p ? p : null;
        RpkCredentials rpk = credentials instanceof RpkCredentials r ? r : null;
        try {
            return sql.transaction(connection -> {
                Optional<ClientCredentials> previous = Sql.first(
                        connection,
                        "SELECT " + COLUMNS
                                + " FROM dmflow.device_credentials WHERE endpoint = ? AND scope = ? FOR UPDATE",
                        this::credentials,
                        endpoint,
                        scope.column());
                refuseDuplicates(connection, endpoint, credentials);
                Sql.update(
                        connection,
                        "INSERT INTO dmflow.device_credentials "
                                + "(endpoint, scope, mode, psk_identity, psk_key, public_key, updated_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?, now()) ON CONFLICT (endpoint, scope) DO UPDATE SET "
                                + "mode = EXCLUDED.mode, psk_identity = EXCLUDED.psk_identity, "
                                + "psk_key = EXCLUDED.psk_key, public_key = EXCLUDED.public_key, updated_at = now()",
                        endpoint,
                        scope.column(),
                        credentials.mode().name().toLowerCase(Locale.ROOT),
                        psk == null ? null : psk.identity(),
                        psk == null ? null : secrets.seal(SecretSealing.DEVICE_PSK, psk.key()),
                        rpk == null ? null : rpk.publicKey().getEncoded());
                return previous;
            });
        } catch (Sql.Failure e) {
            if (e.getCause() instanceof SQLException cause && UNIQUE_VIOLATION.equals(cause.getSQLState())) {
                // A concurrent writer took the identity between our check and our insert.
                throw new DuplicateIdentityException("the PSK identity or public key", "another endpoint");
            }
            throw e;
        }
    }

    @Override
    public Optional<ClientCredentials> remove(String endpoint) {
        return sql.first(
                "DELETE FROM dmflow.device_credentials WHERE endpoint = ? AND scope = ? RETURNING " + COLUMNS,
                this::credentials,
                endpoint,
                scope.column());
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
        Optional<String> owner = Sql.first(
                connection,
                "SELECT endpoint FROM dmflow.device_credentials WHERE scope = ? AND " + column
                        + " = ? AND endpoint <> ? LIMIT 1",
                row -> row.getString(1),
                scope.column(),
                value,
                endpoint);
        if (owner.isPresent()) {
            throw new DuplicateIdentityException(what, owner.get());
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
