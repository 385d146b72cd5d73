package io.dmflow.api.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An API token as the API shows it. {@code token}, the secret itself, is there only in the answer that created it.
 *
 * @param prefix the token's first characters, to tell tokens apart
 * @param state active, expired or revoked
 * @param lastUsedAt when the token last signed a request in, to within a minute; absent if it never has
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenView(
        String id,
        String name,
        String user,
        String role,
        String prefix,
        String state,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt,
        Instant lastUsedAt,
        String token) {

    static TokenView of(ApiToken token) {
        return of(token, null);
    }

    static TokenView of(ApiToken token, String secret) {
        return new TokenView(
                token.id(),
                token.name(),
                token.owner(),
                token.role().id(),
                token.prefix(),
                token.state(Instant.now()),
                token.createdAt(),
                token.expiresAt(),
                token.revokedAt(),
                token.lastUsedAt(),
                secret);
    }
}
