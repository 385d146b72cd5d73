package io.dmflow.api.access;

import io.dmflow.api.database.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
    Sql sql;

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
                Sql.timestamp(expiresAt));
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
        return sql.number("SELECT count(*) FROM dmflow.api_token WHERE (?::text IS NULL OR owner = ?)", owner, owner);
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

    private List<ApiToken> query(String statement, Object... parameters) {
        return sql.list(statement, ApiTokens::token, parameters);
    }

    private void update(String statement, Object... parameters) {
        sql.update(statement, parameters);
    }

    private static ApiToken token(ResultSet row) throws SQLException {
        return new ApiToken(
                row.getString("id"),
                row.getString("owner"),
                row.getString("name"),
                Role.parse(row.getString("role")),
                row.getString("prefix"),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "expires_at"),
                Sql.instant(row, "revoked_at"),
                Sql.instant(row, "last_used_at"));
    }
}
