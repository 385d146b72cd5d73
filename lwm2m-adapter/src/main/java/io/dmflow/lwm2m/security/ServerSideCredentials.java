package io.dmflow.lwm2m.security;

import java.util.Map;
import java.util.Optional;

/**
 * A {@link CredentialStore} as a server must keep it: a device using RPK is kept by its public key only, whoever
 * stores it, since a server verifies the device and never needs the device's private key.
 */
public final class ServerSideCredentials implements CredentialStore {

    private final CredentialStore store;

    private ServerSideCredentials(CredentialStore store) {
        this.store = store;
    }

    public static CredentialStore of(CredentialStore store) {
        return store instanceof ServerSideCredentials ? store : new ServerSideCredentials(store);
    }

    /** What a server keeps of {@code credentials}. */
    public static ClientCredentials kept(ClientCredentials credentials) {
        return credentials instanceof ClientCredentials.RpkCredentials rpk ? rpk.publicOnly() : credentials;
    }

    @Override
    public Optional<ClientCredentials> put(String endpoint, ClientCredentials credentials) {
        return store.put(endpoint, kept(credentials));
    }

    @Override
    public Optional<ClientCredentials> byEndpoint(String endpoint) {
        return store.byEndpoint(endpoint);
    }

    @Override
    public Optional<String> endpointOfPskIdentity(String identity) {
        return store.endpointOfPskIdentity(identity);
    }

    @Override
    public Map<String, ClientCredentials> all() {
        return store.all();
    }

    @Override
    public Optional<ClientCredentials> remove(String endpoint) {
        return store.remove(endpoint);
    }
}
