package io.dmflow.api.security;

import io.dmflow.api.database.Sql;
import io.dmflow.api.secret.SecretBox;
import io.dmflow.api.secret.SecretSealing;
import io.dmflow.lwm2m.security.ClientCredentials.RpkCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * The key pairs dmflow's own servers use with RPK devices: made at first start (EC P-256) and kept in PostgreSQL, so
 * that the public key devices pin stays the same across restarts.
 */
@ApplicationScoped
public class ServerKeys {

    public static final String MANAGEMENT = "management";
    public static final String BOOTSTRAP = "bootstrap";

    @Inject
    Sql sql;

    @Inject
    SecretBox secrets;

    public KeyPair keyPair(String name) {
        KeyPair generated = generate();
        StoredKey stored = sql.connection(connection -> {
            // Made once: a second start, or a second server asking at the same time, finds the first one's key.
            Sql.update(
                    connection,
                    "INSERT INTO dmflow.server_key (name, public_key, private_key) VALUES (?, ?, ?) "
                            + "ON CONFLICT (name) DO NOTHING",
                    name,
                    generated.getPublic().getEncoded(),
                    secrets.seal(
                            SecretSealing.SERVER_PRIVATE_KEY,
                            generated.getPrivate().getEncoded()));
            return Sql.first(
                            connection,
                            "SELECT public_key, private_key FROM dmflow.server_key WHERE name = ?",
                            row -> new StoredKey(row.getBytes(1), row.getBytes(2)),
                            name)
                    .orElseThrow();
        });
        try {
            return new KeyPair(
                    RpkCredentials.decodePublicKey(stored.publicKey()),
                    KeyFactory.getInstance("EC")
                            .generatePrivate(new PKCS8EncodedKeySpec(
                                    secrets.open(SecretSealing.SERVER_PRIVATE_KEY, stored.sealedPrivateKey()))));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("The stored " + name + " server key is not an EC key", e);
        }
    }

    private record StoredKey(byte[] publicKey, byte[] sealedPrivateKey) {}

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is not available", e);
        }
    }
}
