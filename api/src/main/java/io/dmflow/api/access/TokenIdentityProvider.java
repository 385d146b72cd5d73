package io.dmflow.api.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * {@code Authorization: Bearer}: an API token, acting for its owner with the lower of its own role and the owner's
 * current one; or the application's own credential, which signs in even when built-in users are off.
 */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<ApiTokenRequest> {

    @Inject
    ApplicationCredential application;

    @Inject
    ApiTokens tokens;

    @Inject
    Users users;

    @Inject
    AccessConfig config;

    @Override
    public Class<ApiTokenRequest> getRequestType() {
        return ApiTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiTokenRequest request, AuthenticationRequestContext context) {
        String secret = request.secret();
        if (application.matches(secret)) {
            return Uni.createFrom().item(Identities.of(ApplicationCredential.NAME, Role.ADMIN, "application", null));
        }
        if (!config.builtInUsers().enabled()) {
            return Uni.createFrom().failure(new AuthenticationFailedException(BuiltInUsersOff.REFUSAL));
        }
        return context.runBlocking(() -> {
            ApiToken token = tokens.bySecret(secret)
                    .orElseThrow(() -> new AuthenticationFailedException("the bearer token is not a dmflow API token"));
            Instant now = Instant.now();
            if (!token.usableAt(now)) {
                throw new AuthenticationFailedException(
                        "the API token " + token.prefix() + "... is " + token.state(now));
            }
            User owner = users.find(token.owner())
                    .orElseThrow(() -> new AuthenticationFailedException("the API token's user no longer exists"));
            tokens.recordUse(token, now);
            return Identities.of(owner.name(), token.role().atMost(owner.role()), "token", token.id());
        });
    }
}
