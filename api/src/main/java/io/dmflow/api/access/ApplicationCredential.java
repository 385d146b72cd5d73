package io.dmflow.api.access;

import io.camunda.client.CredentialsProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The bearer token dmflow's own Camunda client (its workers, scheduler and REST resources) presents to this
 * application's {@code /v2}. Made at start and kept in memory only: it is never stored, printed or shared, and a
 * restart makes a new one. It acts as {@link #NAME} with the admin role.
 */
@ApplicationScoped
public class ApplicationCredential {

    /** The caller name of what dmflow does by itself, also recorded as the author of such changes. */
    public static final String NAME = "dmflow";

    static final String PREFIX = "dmflow-app_";

    private final byte[] secret;

    public ApplicationCredential() {
        byte[] bits = new byte[32];
        new SecureRandom().nextBytes(bits);
        secret = (PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits))
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Compared in constant time, so that response times tell nothing about the secret. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds {@code Authorization: Bearer <this application's token>} to every request of a Camunda client. */
    public CredentialsProvider credentialsProvider() {
        String header = "Bearer " + new String(secret, StandardCharsets.US_ASCII);
        return new CredentialsProvider() {
            @Override
            public void applyCredentials(CredentialsApplier applier) {
                applier.put("Authorization", header);
            }

            @Override
            public boolean shouldRetryRequest(StatusCode statusCode) {
                // The token does not change while the application runs: a refusal would repeat.
                return false;
            }
        };
    }
}
