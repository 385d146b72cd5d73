package io.dmflow.lwm2m.security;

import java.util.Map;
import java.util.Optional;

/**
 * Where the credentials of devices are kept, one set per endpoint; in memory by default, in PostgreSQL in the
 * application. Implementations are read on every DTLS handshake and every registration, so lookups must be quick and
 * thread-safe; they need not notify anybody: {@link DeviceSecurityStore} does.
 */
public interface CredentialStore {

    Optional<ClientCredentials> byEndpoint(String endpoint);

    /** The endpoint whose PSK has this identity. */
    Optional<String> endpointOfPskIdentity(String identity);

    /** Every endpoint's credentials. */
    Map<String, ClientCredentials> all();

    /**
     * Stores (or replaces) the credentials of {@code endpoint}.
     *
     * @return the credentials replaced
     * @throws DuplicateIdentityException if another endpoint already has this PSK identity or public key
     */
    Optional<ClientCredentials> put(String endpoint, ClientCredentials credentials);

    /** @return the credentials removed */
    Optional<ClientCredentials> remove(String endpoint);
}
