package io.dmflow.api.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** The forms a secret could leak in: raw text, hexadecimal (either case), base64. */
public final class Secrets {

    private Secrets() {}

    public static List<String> formsOf(byte[] secret) {
        String hex = HexFormat.of().formatHex(secret);
        return List.of(
                new String(secret, StandardCharsets.ISO_8859_1),
                hex,
                hex.toUpperCase(),
                Base64.getEncoder().encodeToString(secret));
    }
}
