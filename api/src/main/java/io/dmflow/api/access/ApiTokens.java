package io.dmflow.api.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * API tokens in PostgreSQL ({@code dmflow.api_token}). A token is {@code dmf_} and 256 random bits; only its
 * SHA-256 is stored, which is enough for a secret of that entropy and lets a request be checked by one indexed read.
 */
@ApplicationScoped
public class ApiTokens {

    static final String SCHEME_PREFIX = "dmf_";
    private static final int PREFIX_LENGTH = 12;
    private static final String COLUMNS =
            "id, owner, name, role, prefix, created_at, expires_at, revoked_at, " + "last_used_at";

    /**
     * How precisely a token's last use is kept: a use is written only when the stored one is older than this, so a
     * token that makes many requests costs one write a minute, not one per request.
     */
    static final Duration USE_RESOLUTION = Duration.ofMinutes(1);

    /** A token just made: the only moment its secret exists outside the caller's hands. */
    public record Issued(ApiToken token, String secret) {}

    private final SecureRandom random = new SecureRandom();

    @Inject
    DataSource dataSource;

    public Issued issue(String owner, String name, Role role, Instant expiresAt) {
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        String secret = SCHEME_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        ApiToken token = new ApiToken(
                UUID.randomUUID().toString(),
                owner,
                name,
                role,
                secret.substring(0, PREFIX_LENGTH),
                Instant.now(),
                expiresAt,
                null,
                null);
        update(
                "INSERT INTO dmflow.api_token (id, owner, name, role, secret_sha256, prefix, created_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                token.id(),
                owner,
                name,
                role.id(),
                PasswordHashing.sha256(secret),
                token.prefix(),
                Timestamp.from(token.createdAt()),
                expiresAt == null ? null : Timestamp.from(expiresAt));
        return new Issued(token, secret);
    }

    public Optional<ApiToken> bySecret(String secret) {
        return query(
                        "SELECT " + COLUMNS + " FROM dmflow.api_token WHERE secret_sha256 = ?",
                        PasswordHashing.sha256(secret))
                .stream()
                .findFirst();
    }

    public Optional<ApiToken> find(String id) {
        return query("SELECT " + COLUMNS + " FROM dmflow.api_token WHERE id = ?", id).stream()
                .findFirst();
    }

    /** @param owner null: every user's tokens */
    public List<ApiToken> page(String owner, int page, int size) {
        return query(
                "SELECT " + COLUMNS + " FROM dmflow.api_token WHERE (?::text IS NULL OR owner = ?) "
                        + "ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
                owner,
                owner,
                size,
                (long) page * size);
    }

    public long count(String owner) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = Users.prepare(
                        connection,
                        "SELECT count(*) FROM dmflow.api_token WHERE (?::text IS NULL OR owner = ?)",
                        owner,
                        owner);
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count API tokens", e);
        }
    }

    /** Ends the token at once; a revoked token stays revoked, at the time it was first revoked. */
    public void revoke(String id) {
        update("UPDATE dmflow.api_token SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL", id);
    }

    /**
     * Notes that {@code token} (as just read) was used at {@code now}, unless its stored last use is within
     * {@link #USE_RESOLUTION}. The condition is repeated in the statement, so that requests arriving together, or
     * at other dmflow instances, still write at most once per period.
     */
    public void recordUse(ApiToken token, Instant now) {
        if (token.lastUsedAt() != null
                && token.lastUsedAt().plus(USE_RESOLUTION).isAfter(now)) {
            return;
        }
        update(
                "UPDATE dmflow.api_token SET last_used_at = ? WHERE id = ? "
                        + "AND (last_used_at IS NULL OR last_used_at <= ?)",
                Timestamp.from(now),
                token.id(),
                Timestamp.from(now.minus(USE_RESOLUTION)));
    }

    private List<ApiToken> query(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = Users.prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<ApiToken> tokens = new ArrayList<>();
            while (rows.next()) {
                tokens.add(new ApiToken(
                        rows.getString("id"),
                        rows.getString("owner"),
                        rows.getString("name"),
                        Role.parse(rows.getString("role")),
                        rows.getString("prefix"),
                        Users.instant(rows, "created_at"),
                        Users.instant(rows, "expires_at"),
                        Users.instant(rows, "revoked_at"),
                        Users.instant(rows, "last_used_at")));
            }
            return tokens;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read API tokens", e);
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = Users.prepare(connection, sql, parameters)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write an API token", e);
        }
    }
}
