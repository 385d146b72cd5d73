package io.dmflow.api.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dmflow.lwm2m.security.ClientCredentials;

/**
 * Credentials as the API shows them: mode, PSK identity, fingerprint. Never the key.
 *
 * @param fingerprint the first bytes of the key's SHA-256 (PSK), the SHA-256 of the public key (RPK)
 * @param updatedBy who last changed them through the API
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialView(String scope, String mode, String identity, String fingerprint, String updatedBy) {

    public static CredentialView of(CredentialScope scope, ClientCredentials credentials) {
        String identity = credentials instanceof ClientCredentials.PskCredentials psk ? psk.identity() : null;
        return new CredentialView(
                scope == null ? null : scope.column(),
                credentials.mode().name().toLowerCase(java.util.Locale.ROOT),
                identity,
                credentials.fingerprint(),
                null);
    }

    public CredentialView changedBy(String author) {
        return new CredentialView(scope, mode, identity, fingerprint, author);
    }
}
