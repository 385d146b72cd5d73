package io.dmflow.api.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt for user passwords. A check costs tens of milliseconds on purpose, and HTTP Basic sends the password with
 * every request, so a password once verified against a stored hash is remembered in memory (as the SHA-256 of the
 * pair, never the password) and the next request with the same pair costs a hash lookup. A changed password has a
 * new stored hash, so what was remembered for the old one no longer matches anything.
 */
@ApplicationScoped
public class PasswordHashing {

    /** 2^10 rounds: about 50-100 ms on this kind of machine. */
    static final int COST = 10;

    /** bcrypt reads at most 72 bytes of a password; longer ones are refused rather than silently cut. */
    public static final int MAX_BYTES = 72;

    public static final int MIN_LENGTH = 8;

    private static final int REMEMBERED_LIMIT = 10_000;

    private final SecureRandom random = new SecureRandom();

    private final Map<String, Boolean> verified = new ConcurrentHashMap<>();

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password.toCharArray(), salt, COST);
    }

    public boolean matches(String storedHash, String password) {
        String pair = sha256(storedHash + '\n' + password);
        if (verified.containsKey(pair)) {
            return true;
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES
                || !OpenBSDBCrypt.checkPassword(storedHash, password.toCharArray())) {
            return false;
        }
        if (verified.size() >= REMEMBERED_LIMIT) {
            verified.clear();
        }
        verified.put(pair, Boolean.TRUE);
        return true;
    }

    /** Why a new password is refused, or null when it is acceptable. */
    public static String weakness(String password) {
        if (password.length() < MIN_LENGTH) {
            return "password must have at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "password must have at most " + MAX_BYTES + " bytes (UTF-8)";
        }
        return null;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
