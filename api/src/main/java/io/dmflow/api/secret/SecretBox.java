package io.dmflow.api.secret;

import io.dmflow.api.startup.CannotStart;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Seals device secrets (PSKs, private keys) before they reach PostgreSQL, with AES-256-GCM, so that a database dump
 * alone does not give them away. A sealed value is {@code 0x01 | 12-byte nonce | ciphertext | 16-byte tag}; the
 * column it belongs to is the associated data, so a value moved to another column does not open.
 */
@ApplicationScoped
public class SecretBox {

    private static final Logger LOG = Logger.getLogger(SecretBox.class);

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    /** What sealing adds to a value's length. */
    static final int OVERHEAD = 1 + NONCE_BYTES + TAG_BITS / 8;

    @Inject
    SecretsConfig config;

    private final SecureRandom random = new SecureRandom();

    private SecretKeySpec key;

    @PostConstruct
    void loadKey() {
        byte[] bytes =
                config.key().map(text -> decode(text, "dmflow.secrets.key")).orElseGet(this::fromKeyFile);
        key = new SecretKeySpec(bytes, "AES");
    }

    /** @param column where the value is stored, e.g. {@code device_credentials.psk_key} */
    public byte[] seal(String column, byte[] plain) {
        if (plain == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, column);
            byte[] sealed = new byte[1 + NONCE_BYTES + cipher.getOutputSize(plain.length)];
            sealed[0] = VERSION;
            System.arraycopy(nonce, 0, sealed, 1, NONCE_BYTES);
            cipher.doFinal(plain, 0, plain.length, sealed, 1 + NONCE_BYTES);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws IllegalStateException when the value was not sealed with this key for this column */
    public byte[] open(String column, byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        return tryOpen(column, sealed)
                .orElseThrow(() -> new IllegalStateException("A value of " + column
                        + " does not open with dmflow's secrets key: the key (dmflow.secrets.key or its key file) is not the "
                        + "one the database was sealed with"));
    }

    /** The plain value, or empty when the value is not one this key sealed for this column. */
    Optional<byte[]> tryOpen(String column, byte[] sealed) {
        if (sealed.length < OVERHEAD || sealed[0] != VERSION) {
            return Optional.empty();
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES), column);
            return Optional.of(cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String column) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(column.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private byte[] fromKeyFile() {
        Path file =
                config.keyFile().orElseGet(() -> Path.of(System.getProperty("user.home"), ".dmflow", "secrets.key"));
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), "the key file " + file);
        } catch (IOException e) {
            throw CannotStart.because(
                    "dmflow cannot read or create its secrets key file " + file + " (dmflow.secrets.key-file)", e);
        }
    }

    /** Written beside the final name first, so that no dmflow ever reads a half-written key. */
    private void create(Path file) throws IOException {
        byte[] bits = new byte[KEY_BYTES];
        random.nextBytes(bits);
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path draft = Files.createTempFile(folder, ".secrets-", ".key");
        try {
            try {
                Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.warnf("%s is readable as the file system allows: it cannot restrict access to its owner", file);
            }
            Files.writeString(draft, Base64.getEncoder().encodeToString(bits) + "\n", StandardCharsets.US_ASCII);
            Files.move(draft, file);
        } catch (FileAlreadyExistsException e) {
            return; // another dmflow made it in the meantime: use theirs
        } finally {
            Files.deleteIfExists(draft);
        }
        LOG.infof(
                "Created the key that seals device secrets in the database: %s. Keep it with the database's "
                        + "backups: without it the device keys stored there cannot be read",
                file);
    }

    private static byte[] decode(String text, String origin) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new CannotStart(origin + " is not base64 (a secrets key is 32 random bytes in base64)");
        }
        if (bytes.length != KEY_BYTES) {
            throw new CannotStart(origin + " holds " + bytes.length + " bytes; a secrets key is " + KEY_BYTES
                    + " bytes (256 bits) in base64");
        }
        return bytes;
    }
}
