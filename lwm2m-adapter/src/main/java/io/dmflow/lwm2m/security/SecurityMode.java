package io.dmflow.lwm2m.security;

import java.util.Arrays;

/** How a device authenticates to an LwM2M server, with the code Object 0 resource 2 (Security Mode) carries. */
public enum SecurityMode {
    PSK(0),
    RPK(1),
    X509(2),
    NO_SEC(3);

    private final int code;

    SecurityMode(int code) {
        this.code = code;
    }

    /** The value of /0/x/2. */
    public int code() {
        return code;
    }

    public static SecurityMode ofCode(int code) {
        return Arrays.stream(values())
                .filter(mode -> mode.code == code)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown LwM2M security mode " + code));
    }

    /** Parses {@code psk}, {@code rpk}, {@code x509}, {@code nosec} (any case, {@code -} and {@code _} ignored). */
    public static SecurityMode parse(String name) {
        String bare = name.replace("-", "").replace("_", "").toLowerCase(java.util.Locale.ROOT);
        return switch (bare) {
            case "psk" -> PSK;
            case "rpk" -> RPK;
            case "x509", "certificate" -> X509;
            case "nosec", "none" -> NO_SEC;
            default ->
                throw new IllegalArgumentException(
                        "unknown security mode '" + name + "' (expected nosec, psk, rpk or x509)");
        };
    }
}
