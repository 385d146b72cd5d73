package io.dmflow.lwm2m.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.leshan.core.peer.OscoreIdentity;
import org.eclipse.leshan.servers.security.EditableSecurityStore;
import org.eclipse.leshan.servers.security.NonUniqueSecurityInfoException;
import org.eclipse.leshan.servers.security.SecurityInfo;
import org.eclipse.leshan.servers.security.SecurityStoreListener;

/**
 * The credentials devices must present to the management server, read by Leshan on every DTLS handshake and
 * registration, and changed at run time by operators.
 * <p>
 * A change takes effect at once: when credentials are removed or replaced, listeners hear that the old ones are
 * compromised, so that Leshan's DTLS connection cleaner drops the device's session and {@link RegistrationRevocation}
 * its registration. The device has to handshake and register anew with whatever credentials are valid now.
 */
public final class DeviceSecurityStore implements EditableSecurityStore {

    private final CredentialStore credentials;
    private final List<SecurityStoreListener> listeners = new CopyOnWriteArrayList<>();

    public DeviceSecurityStore(CredentialStore credentials) {
        this.credentials = ServerSideCredentials.of(credentials);
    }

    public static DeviceSecurityStore inMemory() {
        return new DeviceSecurityStore(new InMemoryCredentialStore());
    }

    /**
     * Gives {@code endpoint} these credentials, replacing any it had (which then stop working at once). Of an RPK
     * device only the public key is kept.
     *
     * @return what is kept
     * @throws DuplicateIdentityException if another endpoint has the same PSK identity or public key
     */
    public ClientCredentials put(String endpoint, ClientCredentials newCredentials) {
        requireEndpoint(endpoint);
        ClientCredentials stored = ServerSideCredentials.kept(newCredentials);
        Optional<ClientCredentials> previous = credentials.put(endpoint, stored);
        previous.filter(old -> !old.equals(stored)).ifPresent(old -> revoked(endpoint, old));
        return stored;
    }

    /** Takes the credentials of {@code endpoint} away; its session and registration end at once. */
    public Optional<ClientCredentials> remove(String endpoint) {
        Optional<ClientCredentials> removed = credentials.remove(endpoint);
        removed.ifPresent(old -> revoked(endpoint, old));
        return removed;
    }

    public Optional<ClientCredentials> credentials(String endpoint) {
        return credentials.byEndpoint(endpoint);
    }

    private void revoked(String endpoint, ClientCredentials old) {
        SecurityInfo info = old.toSecurityInfo(endpoint);
        for (SecurityStoreListener listener : listeners) {
            listener.securityInfoRemoved(true, info);
        }
    }

    private static void requireEndpoint(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("an endpoint name is required");
        }
    }

    // ---- Leshan's SecurityStore

    @Override
    public SecurityInfo getByEndpoint(String endpoint) {
        return credentials
                .byEndpoint(endpoint)
                .map(c -> c.toSecurityInfo(endpoint))
                .orElse(null);
    }

    @Override
    public SecurityInfo getByIdentity(String pskIdentity) {
        return credentials
                .endpointOfPskIdentity(pskIdentity)
                .map(this::getByEndpoint)
                .orElse(null);
    }

    /** OSCORE is not offered. */
    @Override
    public SecurityInfo getByOscoreIdentity(OscoreIdentity oscoreIdentity) {
        return null;
    }

    @Override
    public Collection<SecurityInfo> getAll() {
        return credentials.all().entrySet().stream()
                .map(e -> e.getValue().toSecurityInfo(e.getKey()))
                .toList();
    }

    @Override
    public SecurityInfo add(SecurityInfo info) throws NonUniqueSecurityInfoException {
        SecurityInfo previous = getByEndpoint(info.getEndpoint());
        ClientCredentials converted;
        if (info.usePSK()) {
            converted = ClientCredentials.psk(info.getPskIdentity(), info.getPreSharedKey());
        } else if (info.useRPK()) {
            converted = ClientCredentials.rpk(info.getRawPublicKey());
        } else if (info.useX509Cert()) {
            converted = ClientCredentials.x509();
        } else {
            throw new IllegalArgumentException("only PSK, RPK and X.509 credentials are supported");
        }
        try {
            put(info.getEndpoint(), converted);
        } catch (DuplicateIdentityException e) {
            throw new NonUniqueSecurityInfoException(e.getMessage());
        }
        return previous;
    }

    @Override
    public SecurityInfo remove(String endpoint, boolean infosAreCompromised) {
        return remove(endpoint).map(c -> c.toSecurityInfo(endpoint)).orElse(null);
    }

    @Override
    public void addListener(SecurityStoreListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(SecurityStoreListener listener) {
        listeners.remove(listener);
    }
}
