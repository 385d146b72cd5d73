package io.dmflow.lwm2m.bootstrap;

import io.dmflow.lwm2m.security.ClientCredentials.PskCredentials;
import io.dmflow.lwm2m.security.CredentialStore;
import java.net.InetSocketAddress;
import javax.crypto.SecretKey;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.pskstore.PskStore;
import org.eclipse.californium.scandium.util.SecretUtil;
import org.eclipse.californium.scandium.util.ServerNames;

/** The PSKs devices use with the bootstrap server, looked up by identity during the DTLS handshake. */
final class BootstrapPskStore implements PskStore {

    private final CredentialStore credentials;

    BootstrapPskStore(CredentialStore credentials) {
        this.credentials = credentials;
    }

    @Override
    public boolean hasEcdhePskSupported() {
        return true;
    }

    @Override
    public PskSecretResult requestPskSecretResult(
            ConnectionId cid,
            ServerNames serverName,
            PskPublicInformation identity,
            String hmacAlgorithm,
            SecretKey otherSecret,
            byte[] seed,
            boolean useExtendedMasterSecret) {
        return credentials
                .endpointOfPskIdentity(identity.getPublicInfoAsString())
                .flatMap(credentials::byEndpoint)
                .filter(PskCredentials.class::isInstance)
                .map(PskCredentials.class::cast)
                .map(psk -> new PskSecretResult(cid, identity, SecretUtil.create(psk.key(), "PSK"), false, false))
                // an unknown identity: the handshake fails
                .orElseGet(() -> new PskSecretResult(cid, identity));
    }

    /** The bootstrap server never starts handshakes. */
    @Override
    public PskPublicInformation getIdentity(InetSocketAddress peerAddress, ServerNames virtualHost) {
        return null;
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        // synchronous lookups only
    }
}
