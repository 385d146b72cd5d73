package io.dmflow.api.access;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/**
 * A bearer token of dmflow's own: an API token ({@code dmf_...}) or the application's credential. Its own request
 * type, so that it never reaches an OIDC provider's token verification, nor an OIDC token ours.
 */
public final class ApiTokenRequest extends BaseAuthenticationRequest {

    private final String secret;

    ApiTokenRequest(String secret) {
        this.secret = secret;
    }

    String secret() {
        return secret;
    }

    /** Whether a bearer token is one of dmflow's own, by its prefix. */
    static boolean isOwn(String bearer) {
        return bearer.startsWith(ApiTokens.SCHEME_PREFIX) || bearer.startsWith(ApplicationCredential.PREFIX);
    }
}
