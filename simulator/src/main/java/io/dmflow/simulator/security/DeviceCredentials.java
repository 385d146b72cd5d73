package io.dmflow.simulator.security;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.eclipse.leshan.client.object.Security;

/**
 * How a simulated device authenticates to its LwM2M server: the Security (Object 0) instance it starts with.
 * <p>
 * NoSec, PSK and RPK exist today, each for a management server or for a bootstrap server. X.509 fits as a further
 * implementation producing its own Security instances (the Californium CoAPs endpoint already handles it).
 */
public sealed interface DeviceCredentials
        permits DeviceCredentials.NoSecurity,
                DeviceCredentials.PreSharedKey,
                DeviceCredentials.RawPublicKey,
                DeviceCredentials.Certificate {

    /** The Security instance for the management server at {@code serverUri}. */
    Security securityInstance(String serverUri, int shortServerId);

    /** The Security instance of a device that knows only its bootstrap server at {@code bootstrapUri}. */
    Security bootstrapSecurityInstance(String bootstrapUri);

    /** The URI scheme these credentials need ({@code coap} or {@code coaps}). */
    String scheme();

    static DeviceCredentials none() {
        return NoSecurity.INSTANCE;
    }

    /** DTLS with a pre-shared key; the identity is sent in clear during the handshake, the key never. */
    static DeviceCredentials psk(String identity, byte[] key) {
        return new PreSharedKey(identity, key);
    }

    /**
     * DTLS with raw public keys: the device's EC key pair and the server's public key, which the device pins.
     */
    static DeviceCredentials rawPublicKey(KeyPair device, PublicKey server) {
        return new RawPublicKey(device, server);
    }

    /**
     * DTLS with X.509: the device's certificate (its common name is the endpoint) and private key, and the server's
     * certificate, which the device pins (certificate usage 3, "domain-issued certificate").
     */
    static DeviceCredentials x509(X509Certificate device, PrivateKey privateKey, X509Certificate server) {
        return new Certificate(device, privateKey, server);
    }

    /** Plain CoAP. */
    final class NoSecurity implements DeviceCredentials {

        static final NoSecurity INSTANCE = new NoSecurity();

        private NoSecurity() {}

        @Override
        public Security securityInstance(String serverUri, int shortServerId) {
            return Security.noSec(serverUri, shortServerId);
        }

        @Override
        public Security bootstrapSecurityInstance(String bootstrapUri) {
            return Security.noSecBootstrap(bootstrapUri);
        }

        @Override
        public String scheme() {
            return "coap";
        }

        @Override
        public String toString() {
            return "NoSec";
        }
    }

    /** CoAP over DTLS with a pre-shared key. */
    final class PreSharedKey implements DeviceCredentials {

        private final String identity;
        private final byte[] key;

        PreSharedKey(String identity, byte[] key) {
            if (identity == null || identity.isEmpty() || key == null || key.length == 0) {
                throw new IllegalArgumentException("a PSK needs an identity and a key");
            }
            this.identity = identity;
            this.key = key.clone();
        }

        public String identity() {
            return identity;
        }

        @Override
        public Security securityInstance(String serverUri, int shortServerId) {
            return Security.psk(serverUri, shortServerId, identity.getBytes(StandardCharsets.UTF_8), key.clone());
        }

        @Override
        public Security bootstrapSecurityInstance(String bootstrapUri) {
            return Security.pskBootstrap(bootstrapUri, identity.getBytes(StandardCharsets.UTF_8), key.clone());
        }

        @Override
        public String scheme() {
            return "coaps";
        }

        /** Never prints the key: test logs and failure messages stay free of secrets. */
        @Override
        public String toString() {
            return "PSK[identity=" + identity + "]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PreSharedKey that && identity.equals(that.identity) && Arrays.equals(key, that.key);
        }

        @Override
        public int hashCode() {
            return identity.hashCode();
        }
    }

    /** CoAP over DTLS with raw public keys. */
    final class RawPublicKey implements DeviceCredentials {

        private final KeyPair device;
        private final PublicKey server;

        RawPublicKey(KeyPair device, PublicKey server) {
            if (device == null || server == null) {
                throw new IllegalArgumentException("RPK needs the device key pair and the server public key");
            }
            this.device = device;
            this.server = server;
        }

        public PublicKey publicKey() {
            return device.getPublic();
        }

        @Override
        public Security securityInstance(String serverUri, int shortServerId) {
            return Security.rpk(
                    serverUri,
                    shortServerId,
                    device.getPublic().getEncoded(),
                    device.getPrivate().getEncoded(),
                    server.getEncoded());
        }

        @Override
        public Security bootstrapSecurityInstance(String bootstrapUri) {
            return Security.rpkBootstrap(
                    bootstrapUri,
                    device.getPublic().getEncoded(),
                    device.getPrivate().getEncoded(),
                    server.getEncoded());
        }

        @Override
        public String scheme() {
            return "coaps";
        }

        /** Never prints the private key. */
        @Override
        public String toString() {
            return "RPK[" + device.getPublic().getAlgorithm() + "]";
        }
    }

    /** CoAP over DTLS with X.509 certificates. */
    final class Certificate implements DeviceCredentials {

        private final X509Certificate device;
        private final PrivateKey privateKey;
        private final X509Certificate server;

        Certificate(X509Certificate device, PrivateKey privateKey, X509Certificate server) {
            if (device == null || privateKey == null || server == null) {
                throw new IllegalArgumentException(
                        "X.509 needs the device certificate and key and the server's " + "certificate");
            }
            this.device = device;
            this.privateKey = privateKey;
            this.server = server;
        }

        @Override
        public Security securityInstance(String serverUri, int shortServerId) {
            return Security.x509(serverUri, shortServerId, encoded(device), privateKey.getEncoded(), encoded(server));
        }

        @Override
        public Security bootstrapSecurityInstance(String bootstrapUri) {
            return Security.x509Bootstrap(bootstrapUri, encoded(device), privateKey.getEncoded(), encoded(server));
        }

        @Override
        public String scheme() {
            return "coaps";
        }

        private static byte[] encoded(X509Certificate certificate) {
            try {
                return certificate.getEncoded();
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("unusable certificate " + certificate.getSubjectX500Principal(), e);
            }
        }

        /** Never prints the private key. */
        @Override
        public String toString() {
            return "X509[" + device.getSubjectX500Principal().getName() + "]";
        }
    }
}
