package io.dmflow.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** Key pairs for tests. */
public final class TestKeys {

    private TestKeys() {}

    /** A new P-256 key pair, the curve every DTLS 1.2 RPK stack supports. */
    public static KeyPair ecP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no P-256 keys in this JDK", e);
        }
    }
}
