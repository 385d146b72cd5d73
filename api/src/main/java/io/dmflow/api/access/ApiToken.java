package io.dmflow.api.access;

import java.time.Instant;

/**
 * A bearer token as stored: never its secret, only the SHA-256 of it and its first characters, so that its owner
 * can tell tokens apart.
 *
 * @param expiresAt null: valid until revoked
 * @param lastUsedAt null: never used; otherwise to within {@link ApiTokens#USE_RESOLUTION}
 */
public record ApiToken(
        String id,
        String owner,
        String name,
        Role role,
        String prefix,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt,
        Instant lastUsedAt) {

    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** active, expired or revoked. */
    public String state(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return usableAt(now) ? "active" : "expired";
    }
}
