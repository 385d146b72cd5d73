package io.dmflow.simulator.testing;

import io.dmflow.testing.TestCertificateAuthority;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A throw-away certificate for 127.0.0.1, for HTTPS package servers in tests: the server's side and a client's trust. */
final class SelfSignedCertificate {

    private static final char[] PASSWORD = "test-only".toCharArray();

    private final KeyStore keyStore;

    private SelfSignedCertificate(KeyStore keyStore) {
        this.keyStore = keyStore;
    }

    static SelfSignedCertificate forLoopback() {
        TestCertificateAuthority authority = TestCertificateAuthority.create();
        try {
            return new SelfSignedCertificate(
                    authority.selfSigned("server", "127.0.0.1").keyStore("server", PASSWORD));
        } finally {
            authority.delete();
        }
    }

    SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    SSLContext clientTrust() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keyStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
