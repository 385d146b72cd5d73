package io.dmflow.api.access;

import io.dmflow.api.problem.RoutedProblems;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Reads {@code Authorization: Basic} (a user and password) and {@code Authorization: Bearer} (an API token) and
 * answers a caller without acceptable credentials with 401, a problem+json body and both challenges. A bearer token
 * that is not dmflow's own is left to the OIDC mechanism, when OIDC is on; it runs after this one.
 */
@ApplicationScoped
public class BasicAndBearerMechanism implements HttpAuthenticationMechanism {

    static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    static final String CHALLENGE = "Basic realm=\"dmflow\", Bearer realm=\"dmflow\"";

    /** Why the credentials of this request were refused, for the 401's detail. */
    private static final String REFUSAL = "dmflow.auth.refusal";

    @Inject
    RoutedProblems problems;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext request, IdentityProviderManager identities) {
        String header = request.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        String value = space < 0 ? "" : header.substring(space + 1).strip();
        AuthenticationRequest credentials;
        if (scheme.equalsIgnoreCase("Basic")) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return refuse(request, "the Basic credentials are not base64");
            }
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                return refuse(request, "the Basic credentials are not name:password");
            }
            credentials = new UsernamePasswordAuthenticationRequest(
                    pair.substring(0, colon),
                    new PasswordCredential(pair.substring(colon + 1).toCharArray()));
        } else if (scheme.equalsIgnoreCase("Bearer")) {
            if (value.isEmpty()) {
                return refuse(request, "the Bearer credentials hold no token");
            }
            if (!ApiTokenRequest.isOwn(value)) {
                // An OIDC access token, or nothing dmflow knows: the OIDC mechanism (when on) judges it.
                return Uni.createFrom().nullItem();
            }
            credentials = new ApiTokenRequest(value);
        } else {
            // Another scheme is not dmflow's to judge: the caller stays anonymous and protected paths ask again.
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(credentials).onFailure().invoke(failure -> {
            Throwable cause = failure;
            while (cause.getCause() != null && !(cause instanceof AuthenticationFailedException)) {
                cause = cause.getCause();
            }
            request.put(
                    REFUSAL,
                    cause instanceof AuthenticationFailedException && cause.getMessage() != null
                            ? cause.getMessage()
                            : "the credentials were refused");
        });
    }

    private static Uni<SecurityIdentity> refuse(RoutingContext request, String why) {
        request.put(REFUSAL, why);
        return Uni.createFrom().failure(new AuthenticationFailedException(why));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext request) {
        return Uni.createFrom().item(new ChallengeData(401, WWW_AUTHENTICATE, CHALLENGE));
    }

    /** The challenge with a body: the default sends none, and every error of the API is a problem detail. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext request) {
        String refusal = request.get(REFUSAL);
        request.response().putHeader(WWW_AUTHENTICATE, CHALLENGE);
        problems.send(
                request,
                401,
                "Unauthorized",
                refusal != null
                        ? "Authentication failed: " + refusal
                        : "Authentication required: HTTP Basic with a dmflow user's name and password, or "
                                + "Authorization: Bearer with an API token");
        return Uni.createFrom().item(Boolean.TRUE);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(UsernamePasswordAuthenticationRequest.class, ApiTokenRequest.class);
    }

    /** Before the OIDC mechanism, which would take a dmflow token for a malformed JWT. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }
}
