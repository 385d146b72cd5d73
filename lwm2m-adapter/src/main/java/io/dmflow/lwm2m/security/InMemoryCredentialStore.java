package io.dmflow.lwm2m.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Credentials held in memory: tests, tools and a management server without a database. */
public final class InMemoryCredentialStore implements CredentialStore {

    private final Map<String, ClientCredentials> byEndpoint = new LinkedHashMap<>();
    private final Map<String, String> endpointByPskIdentity = new LinkedHashMap<>();

    @Override
    public synchronized Optional<ClientCredentials> byEndpoint(String endpoint) {
        return Optional.ofNullable(byEndpoint.get(endpoint));
    }

    @Override
    public synchronized Optional<String> endpointOfPskIdentity(String identity) {
        return Optional.ofNullable(endpointByPskIdentity.get(identity));
    }

    @Override
    public synchronized Map<String, ClientCredentials> all() {
        return Map.copyOf(byEndpoint);
    }

    @Override
    public synchronized Optional<ClientCredentials> put(String endpoint, ClientCredentials credentials) {
        if (credentials instanceof ClientCredentials.PskCredentials psk) {
            String owner = endpointByPskIdentity.get(psk.identity());
            if (owner != null && !owner.equals(endpoint)) {
                throw new DuplicateIdentityException("PSK identity " + psk.identity(), owner);
            }
        }
        if (credentials instanceof ClientCredentials.RpkCredentials rpk) {
            byEndpoint.forEach((other, existing) -> {
                if (!other.equals(endpoint)
                        && existing instanceof ClientCredentials.RpkCredentials known
                        && known.publicKey().equals(rpk.publicKey())) {
                    throw new DuplicateIdentityException("public key " + rpk.fingerprint(), other);
                }
            });
        }
        ClientCredentials previous = byEndpoint.put(endpoint, credentials);
        if (previous instanceof ClientCredentials.PskCredentials old) {
            endpointByPskIdentity.remove(old.identity());
        }
        if (credentials instanceof ClientCredentials.PskCredentials psk) {
            endpointByPskIdentity.put(psk.identity(), endpoint);
        }
        return Optional.ofNullable(previous);
    }

    @Override
    public synchronized Optional<ClientCredentials> remove(String endpoint) {
        ClientCredentials removed = byEndpoint.remove(endpoint);
        if (removed instanceof ClientCredentials.PskCredentials psk) {
            endpointByPskIdentity.remove(psk.identity());
        }
        return Optional.ofNullable(removed);
    }
}
