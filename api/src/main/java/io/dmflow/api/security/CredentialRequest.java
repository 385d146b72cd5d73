package io.dmflow.api.security;

import io.dmflow.api.problem.ProblemException;
import io.dmflow.lwm2m.security.ClientCredentials;
import io.dmflow.lwm2m.security.ClientCredentials.RpkCredentials;
import io.dmflow.lwm2m.security.SecurityMode;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Credentials as a client sends them: {@code {"mode":"psk","identity":"..","key":"<hex>"}},
 * {@code {"mode":"rpk","publicKey":"<base64 DER>"}} (plus {@code "privateKey":"<base64 PKCS#8>"} where a bootstrap
 * server must hand it to the device), or {@code {"mode":"x509"}}.
 * <p>
 * Error messages name the field that is wrong, never its value.
 */
public record CredentialRequest(String mode, String identity, String key, String publicKey, String privateKey) {

    @Override
    public String toString() {
        return "CredentialRequest[mode=" + mode + ", identity=" + identity + "]";
    }

    /** @param forBootstrap whether a bootstrap server will write them into a device (RPK then needs the private key) */
    public ClientCredentials toCredentials(boolean forBootstrap) {
        if (mode == null || mode.isBlank()) {
            throw ProblemException.badRequest("Invalid credentials", "mode is required: psk, rpk or x509", "mode");
        }
        SecurityMode parsed;
        try {
            parsed = SecurityMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Invalid credentials", e.getMessage(), "mode");
        }
        return switch (parsed) {
            case PSK -> psk();
            case RPK -> rpk(forBootstrap);
            case X509 -> ClientCredentials.x509();
            case NO_SEC ->
                throw ProblemException.badRequest(
                        "Invalid credentials", "NoSec devices have no credentials; delete them instead", "mode");
        };
    }

    private ClientCredentials psk() {
        if (identity == null || identity.isBlank()) {
            throw ProblemException.badRequest("Invalid credentials", "a PSK needs an identity", "identity");
        }
        if (key == null || key.isBlank()) {
            throw ProblemException.badRequest("Invalid credentials", "a PSK needs a key, in hexadecimal", "key");
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(key.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    "Invalid credentials", "key must be hexadecimal (an even number of 0-9, a-f)", "key");
        }
        try {
            return ClientCredentials.psk(identity, bytes);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Invalid credentials", e.getMessage(), "key");
        }
    }

    private ClientCredentials rpk(boolean forBootstrap) {
        if (publicKey == null || publicKey.isBlank()) {
            throw ProblemException.badRequest(
                    "Invalid credentials",
                    "RPK needs the device's publicKey (base64 of its DER SubjectPublicKeyInfo)",
                    "publicKey");
        }
        java.security.PublicKey pub;
        try {
            pub = RpkCredentials.decodePublicKey(Base64.getDecoder().decode(publicKey.strip()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    "Invalid credentials",
                    "publicKey must be the base64 of an EC public key (DER SubjectPublicKeyInfo)",
                    "publicKey");
        }
        if (privateKey == null || privateKey.isBlank()) {
            if (forBootstrap) {
                throw ProblemException.badRequest(
                        "Invalid credentials",
                        "the bootstrap server hands RPK devices "
                                + "their key pair: privateKey (base64 PKCS#8) is required",
                        "privateKey");
            }
            return ClientCredentials.rpk(pub);
        }
        try {
            return ClientCredentials.rpk(
                    pub, RpkCredentials.decodePrivateKey(Base64.getDecoder().decode(privateKey.strip())));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    "Invalid credentials",
                    "privateKey must be the base64 of an EC private key (DER PKCS#8)",
                    "privateKey");
        }
    }
}
