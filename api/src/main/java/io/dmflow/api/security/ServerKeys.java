package io.dmflow.api.security;

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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The key pairs dmflow's own servers use with RPK devices: made at first start (EC P-256) and kept in PostgreSQL, so
 * that the public key devices pin stays the same across restarts.
 */
@ApplicationScoped
public class ServerKeys {

    public static final String MANAGEMENT = "management";
    public static final String BOOTSTRAP = "bootstrap";

    @Inject
    DataSource dataSource;

    @Inject
    SecretBox secrets;

    public KeyPair keyPair(String name) {
        try (Connection connection = dataSource.getConnection()) {
            KeyPair generated = generate();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dmflow.server_key "
                    + "(name, public_key, private_key) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
                insert.setString(1, name);
                insert.setBytes(2, generated.getPublic().getEncoded());
                insert.setBytes(
                        3,
                        secrets.seal(
                                SecretSealing.SERVER_PRIVATE_KEY,
                                generated.getPrivate().getEncoded()));
                insert.executeUpdate();
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT public_key, private_key FROM dmflow.server_key WHERE name = ?")) {
                query.setString(1, name);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return new KeyPair(
                            RpkCredentials.decodePublicKey(row.getBytes(1)),
                            KeyFactory.getInstance("EC")
                                    .generatePrivate(new PKCS8EncodedKeySpec(
                                            secrets.open(SecretSealing.SERVER_PRIVATE_KEY, row.getBytes(2)))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read or create the " + name + " server key", e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("The stored " + name + " server key is not an EC key", e);
        }
    }

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
