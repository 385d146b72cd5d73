package io.dmflow.lwm2m.bootstrap;

/** Whether devices register with a server (management) or get their configuration from it (bootstrap). */
public enum ServerKind {
    MANAGEMENT,
    BOOTSTRAP;

    public static ServerKind parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "management", "dm" -> MANAGEMENT;
            case "bootstrap", "bs" -> BOOTSTRAP;
            default ->
                throw new IllegalArgumentException(
                        "unknown server kind '" + name + "' (expected management or bootstrap)");
        };
    }
}
