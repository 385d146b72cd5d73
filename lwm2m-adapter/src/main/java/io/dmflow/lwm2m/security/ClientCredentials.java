package io.dmflow.lwm2m.security;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.leshan.servers.security.SecurityInfo;

/**
 * What a device presents to an LwM2M server to prove who it is. The server keeps what it needs to verify (a PSK, a
 * public key); a bootstrap server also hands out what the device needs to present it (the PSK, the private key).
 * <p>
 * No implementation prints a secret: {@code toString} shows the identity and a fingerprint only, so credentials can be
 * logged and put in failure messages.
 */
public sealed interface ClientCredentials
        permits ClientCredentials.PskCredentials, ClientCredentials.RpkCredentials, ClientCredentials.X509Credentials {

    SecurityMode mode();

    /** Leshan's view, for the management server's security store. */
    SecurityInfo toSecurityInfo(String endpoint);

    /** A public, stable short form: PSK identity, or the SHA-256 of the public key; never a secret. */
    String fingerprint();

    static PskCredentials psk(String identity, byte[] key) {
        return new PskCredentials(identity, key);
    }

    /** A device known by its public key; the server can verify it but cannot bootstrap it. */
    static RpkCredentials rpk(PublicKey publicKey) {
        return new RpkCredentials(publicKey, null);
    }

    /** A device's key pair, as a bootstrap server writes it into the device. */
    static RpkCredentials rpk(PublicKey publicKey, PrivateKey privateKey) {
        return new RpkCredentials(publicKey, privateKey);
    }

    /** A device with a certificate whose common name is its endpoint, signed by a CA the server trusts. */
    static X509Credentials x509() {
        return X509Credentials.INSTANCE;
    }

    /** CoAP over DTLS with a pre-shared key; the identity travels in clear in the handshake, the key never. */
    final class PskCredentials implements ClientCredentials {

        private final String identity;
        private final byte[] key;

        private PskCredentials(String identity, byte[] key) {
            if (identity == null || identity.isBlank()) {
                throw new IllegalArgumentException("a PSK needs an identity");
            }
            if (key == null || key.length == 0) {
                throw new IllegalArgumentException("a PSK needs a key of at least one byte");
            }
            if (identity.getBytes(StandardCharsets.UTF_8).length > 128) {
                throw new IllegalArgumentException("a PSK identity is at most 128 bytes (RFC 4279)");
            }
            this.identity = identity;
            this.key = key.clone();
        }

        public String identity() {
            return identity;
        }

        /** A copy of the key. */
        public byte[] key() {
            return key.clone();
        }

        @Override
        public SecurityMode mode() {
            return SecurityMode.PSK;
        }

        @Override
        public SecurityInfo toSecurityInfo(String endpoint) {
            return SecurityInfo.newPreSharedKeyInfo(endpoint, identity, key.clone());
        }

        /** The identity and the first bytes of the key's SHA-256, so that two keys can be told apart. */
        @Override
        public String fingerprint() {
            return identity + " sha256:" + Fingerprints.sha256(key).substring(0, 16);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PskCredentials that
                    && identity.equals(that.identity)
                    && MessageDigest.isEqual(key, that.key);
        }

        @Override
        public int hashCode() {
            return identity.hashCode();
        }

        @Override
        public String toString() {
            return "PSK[identity=" + identity + "]";
        }
    }

    /** CoAP over DTLS with raw public keys (EC). */
    final class RpkCredentials implements ClientCredentials {

        private final PublicKey publicKey;
        private final PrivateKey privateKey;

        private RpkCredentials(PublicKey publicKey, PrivateKey privateKey) {
            if (publicKey == null) {
                throw new IllegalArgumentException("RPK credentials need the device's public key");
            }
            this.publicKey = publicKey;
            this.privateKey = privateKey;
        }

        public PublicKey publicKey() {
            return publicKey;
        }

        /** The device's private key, present only where a bootstrap server must hand it to the device. */
        public Optional<PrivateKey> privateKey() {
            return Optional.ofNullable(privateKey);
        }

        /** The same public key, without the private one: what the management server keeps. */
        public RpkCredentials publicOnly() {
            return privateKey == null ? this : new RpkCredentials(publicKey, null);
        }

        @Override
        public SecurityMode mode() {
            return SecurityMode.RPK;
        }

        @Override
        public SecurityInfo toSecurityInfo(String endpoint) {
            return SecurityInfo.newRawPublicKeyInfo(endpoint, publicKey);
        }

        @Override
        public String fingerprint() {
            return "sha256:" + Fingerprints.sha256(publicKey.getEncoded());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RpkCredentials that
                    && publicKey.equals(that.publicKey)
                    && (privateKey == null
                            ? that.privateKey == null
                            : that.privateKey != null
                                    && MessageDigest.isEqual(privateKey.getEncoded(), that.privateKey.getEncoded()));
        }

        @Override
        public int hashCode() {
            return publicKey.hashCode();
        }

        @Override
        public String toString() {
            return "RPK[" + fingerprint() + (privateKey == null ? "" : ", with private key") + "]";
        }

        /** Decodes an X.509 SubjectPublicKeyInfo (what /0/x/3 and /0/x/4 carry for RPK). */
        public static PublicKey decodePublicKey(byte[] encoded) {
            try {
                return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(encoded));
            } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
                throw new IllegalArgumentException("not an EC public key (X.509 SubjectPublicKeyInfo, DER)", e);
            }
        }

        /** Decodes a PKCS#8 EC private key (what /0/x/5 carries for RPK). */
        public static PrivateKey decodePrivateKey(byte[] encoded) {
            try {
                return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(encoded));
            } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
                // The cause's message could quote key bytes: leave it out.
                throw new IllegalArgumentException("not an EC private key (PKCS#8, DER)");
            }
        }
    }

    /** CoAP over DTLS with X.509 certificates; the certificate's common name must be the endpoint. */
    final class X509Credentials implements ClientCredentials {

        static final X509Credentials INSTANCE = new X509Credentials();

        private X509Credentials() {}

        @Override
        public SecurityMode mode() {
            return SecurityMode.X509;
        }

        @Override
        public SecurityInfo toSecurityInfo(String endpoint) {
            return SecurityInfo.newX509CertInfo(endpoint);
        }

        @Override
        public String fingerprint() {
            return "certificate CN=<endpoint>";
        }

        @Override
        public String toString() {
            return "X509[CN=endpoint]";
        }
    }

    /** Hashes shown instead of secrets and keys. */
    final class Fingerprints {

        private Fingerprints() {}

        static String sha256(byte[] bytes) {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
    }
}
