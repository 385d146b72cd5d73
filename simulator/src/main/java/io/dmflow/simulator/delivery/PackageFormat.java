package io.dmflow.simulator.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/**
 * How a simulated device reads a firmware or software package.
 * <p>
 * A package may start with one header line, {@code DMFLOW-PKG name=<name> version=<version> sha256=<hex>\n}, where the
 * digest covers the bytes after the line. The header gives the device something real to check (a flipped byte fails
 * the integrity check, Update Result 5) and tells it which name and version it installs, so a test can verify the new
 * firmware version after an update. Packages without the header are accepted as they are, named {@code unnamed} and
 * versioned by their own digest.
 */
public final class PackageFormat {

    static final String MAGIC = "DMFLOW-PKG ";

    private PackageFormat() {}

    /** Builds a package with a header and {@code payloadSize} deterministic pseudo-random bytes. */
    public static byte[] build(String name, String version, int payloadSize) {
        byte[] payload = new byte[payloadSize];
        new Random((name + "/" + version).hashCode()).nextBytes(payload);
        return build(name, version, payload);
    }

    /** Builds a package with a header in front of the given payload. */
    public static byte[] build(String name, String version, byte[] payload) {
        if (name.isBlank() || name.contains(" ") || version.isBlank() || version.contains(" ")) {
            throw new IllegalArgumentException("package name and version must be non-blank and without spaces");
        }
        String header = MAGIC + "name=" + name + " version=" + version + " sha256=" + sha256Hex(payload) + "\n";
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        byte[] result = Arrays.copyOf(head, head.length + payload.length);
        System.arraycopy(payload, 0, result, head.length, payload.length);
        return result;
    }

    /** Reads what a device learns from the bytes it received. */
    public static ReceivedPackage read(byte[] bytes) {
        String digest = sha256Hex(bytes);
        int newline = headerEnd(bytes);
        if (newline < 0) {
            return new ReceivedPackage("unnamed", "sha256-" + digest.substring(0, 12), bytes.length, digest, true);
        }
        String header = new String(bytes, MAGIC.length(), newline - MAGIC.length(), StandardCharsets.US_ASCII);
        String name = field(header, "name");
        String version = field(header, "version");
        String expected = field(header, "sha256");
        byte[] payload = Arrays.copyOfRange(bytes, newline + 1, bytes.length);
        boolean intact = name != null && version != null && expected != null && expected.equals(sha256Hex(payload));
        return new ReceivedPackage(
                name == null ? "unnamed" : name, version == null ? "unknown" : version, bytes.length, digest, intact);
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static int headerEnd(byte[] bytes) {
        byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length < magic.length || !Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length)) {
            return -1;
        }
        int limit = Math.min(bytes.length, 1024); // a header is short; do not scan a whole image for a newline
        for (int i = magic.length; i < limit; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String field(String header, String key) {
        for (String part : header.trim().split(" ")) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        return null;
    }
}
