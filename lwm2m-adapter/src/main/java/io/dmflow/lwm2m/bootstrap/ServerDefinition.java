package io.dmflow.lwm2m.bootstrap;

import io.dmflow.lwm2m.security.SecurityMode;
import java.net.URI;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * An LwM2M server known by name, as operators configure it once and bootstrap configurations refer to it: what a
 * bootstrap server writes into a device's Security (Object 0) and Server (Object 1) instances for it.
 *
 * @param name unique, e.g. {@code dm-eu}
 * @param uri {@code coap://} for NoSec, {@code coaps://} otherwise
 * @param shortServerId 1..65534; unused for a bootstrap server
 * @param securityMode what devices use with it; their credentials come from their bootstrap configuration
 * @param serverPublicKey the server's public key devices pin (RPK), absent otherwise
 * @param lifetime registration lifetime (/1/x/1)
 * @param binding {@code U}, {@code UQ}, ... (/1/x/7)
 * @param notificationStoring store notifications while disabled or offline (/1/x/6)
 * @param clientHoldOff how long a device waits before bootstrapping on its own (/0/x/11)
 */
public record ServerDefinition(
        String name,
        ServerKind kind,
        URI uri,
        int shortServerId,
        SecurityMode securityMode,
        Optional<PublicKey> serverPublicKey,
        Duration lifetime,
        String binding,
        boolean notificationStoring,
        Duration clientHoldOff) {

    private static final Set<String> BINDINGS = Set.of("U", "UQ", "S", "SQ", "US", "UQS", "T", "TQ", "N", "NQ");

    public ServerDefinition {
        if (name == null || name.isBlank()) {
            throw new InvalidServerDefinition("name", "a server needs a name");
        }
        if (kind == null || securityMode == null || uri == null) {
            throw new InvalidServerDefinition(
                    kind == null ? "kind" : uri == null ? "uri" : "securityMode",
                    "server " + name + " needs a kind, a URI and a security mode");
        }
        String scheme = uri.getScheme();
        if (!"coap".equals(scheme) && !"coaps".equals(scheme)) {
            throw new InvalidServerDefinition(
                    "uri", "server " + name + ": the URI must be coap:// or coaps://, not " + uri);
        }
        if (securityMode == SecurityMode.NO_SEC != "coap".equals(scheme)) {
            throw new InvalidServerDefinition(
                    "uri",
                    "server " + name + ": security mode " + securityMode + " needs a "
                            + (securityMode == SecurityMode.NO_SEC ? "coap://" : "coaps://") + " URI, not " + uri);
        }
        if (kind == ServerKind.MANAGEMENT && (shortServerId < 1 || shortServerId > 65534)) {
            throw new InvalidServerDefinition(
                    "shortServerId", "server " + name + ": the short server id must be 1..65534, not " + shortServerId);
        }
        serverPublicKey = serverPublicKey == null ? Optional.empty() : serverPublicKey;
        if (securityMode == SecurityMode.RPK && serverPublicKey.isEmpty()) {
            throw new InvalidServerDefinition(
                    "serverPublicKey", "server " + name + ": RPK needs the server's public key");
        }
        if (lifetime == null || lifetime.toSeconds() < 1) {
            throw new InvalidServerDefinition(
                    "lifetime", "server " + name + ": the lifetime must be at least one second");
        }
        if (binding == null || !BINDINGS.contains(binding)) {
            throw new InvalidServerDefinition(
                    "binding",
                    "server " + name + ": unknown binding '" + binding + "' (one of "
                            + new java.util.TreeSet<>(BINDINGS) + ")");
        }
        clientHoldOff = clientHoldOff == null ? Duration.ZERO : clientHoldOff;
    }

    /** A management server with the usual settings: 5-minute lifetime, UDP binding, notifications stored. */
    public static ServerDefinition management(String name, URI uri, int shortServerId, SecurityMode mode) {
        return new ServerDefinition(
                name,
                ServerKind.MANAGEMENT,
                uri,
                shortServerId,
                mode,
                Optional.empty(),
                Duration.ofMinutes(5),
                "U",
                true,
                Duration.ZERO);
    }

    /** A management server devices reach with RPK, pinning {@code serverPublicKey}. */
    public static ServerDefinition rpkManagement(String name, URI uri, int shortServerId, PublicKey serverPublicKey) {
        return new ServerDefinition(
                name,
                ServerKind.MANAGEMENT,
                uri,
                shortServerId,
                SecurityMode.RPK,
                Optional.of(serverPublicKey),
                Duration.ofMinutes(5),
                "U",
                true,
                Duration.ZERO);
    }

    public ServerDefinition withServerPublicKey(PublicKey key) {
        return new ServerDefinition(
                name,
                kind,
                uri,
                shortServerId,
                securityMode,
                Optional.of(key),
                lifetime,
                binding,
                notificationStoring,
                clientHoldOff);
    }

    public ServerDefinition withLifetime(Duration newLifetime) {
        return new ServerDefinition(
                name,
                kind,
                uri,
                shortServerId,
                securityMode,
                serverPublicKey,
                newLifetime,
                binding,
                notificationStoring,
                clientHoldOff);
    }
}
