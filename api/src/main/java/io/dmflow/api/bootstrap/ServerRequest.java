package io.dmflow.api.bootstrap;

import io.dmflow.api.problem.ProblemException;
import io.dmflow.lwm2m.bootstrap.InvalidServerDefinition;
import io.dmflow.lwm2m.bootstrap.ServerDefinition;
import io.dmflow.lwm2m.bootstrap.ServerKind;
import io.dmflow.lwm2m.security.ClientCredentials.RpkCredentials;
import io.dmflow.lwm2m.security.SecurityMode;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * A named LwM2M server as a client sends it. Defaults: kind management, lifetime 300 s, binding U, notifications
 * stored, no hold-off, credentials provisioned to dmflow's own management server.
 *
 * @param serverPublicKey base64 of the server's DER public key, for RPK; for dmflow's own servers it may be left out
 */
public record ServerRequest(
        String kind,
        String uri,
        Integer shortServerId,
        String securityMode,
        String serverPublicKey,
        Long lifetimeSeconds,
        String binding,
        Boolean notificationStoring,
        Long clientHoldOffSeconds,
        Boolean provisionCredentials) {

    ServerDefinition toDefinition(String name, Optional<java.security.PublicKey> defaultServerKey) {
        ServerKind parsedKind;
        try {
            parsedKind = kind == null ? ServerKind.MANAGEMENT : ServerKind.parse(kind);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Invalid server", e.getMessage(), "kind");
        }
        if (uri == null || uri.isBlank()) {
            throw ProblemException.badRequest(
                    "Invalid server", "uri is required, e.g. coaps://dm.example.com:5684", "uri");
        }
        URI parsedUri;
        try {
            parsedUri = URI.create(uri.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Invalid server", "uri is not a URI: " + e.getMessage(), "uri");
        }
        if (securityMode == null) {
            throw ProblemException.badRequest(
                    "Invalid server", "securityMode is required: nosec, psk, rpk or x509", "securityMode");
        }
        SecurityMode mode;
        try {
            mode = SecurityMode.parse(securityMode);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Invalid server", e.getMessage(), "securityMode");
        }
        Optional<java.security.PublicKey> key = Optional.empty();
        if (serverPublicKey != null && !serverPublicKey.isBlank()) {
            try {
                key = Optional.of(
                        RpkCredentials.decodePublicKey(Base64.getDecoder().decode(serverPublicKey.strip())));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(
                        "Invalid server",
                        "serverPublicKey must be the base64 of an EC public key (DER)",
                        "serverPublicKey");
            }
        } else if (mode == SecurityMode.RPK) {
            key = defaultServerKey;
        }
        int ssid = shortServerId == null ? (parsedKind == ServerKind.BOOTSTRAP ? 0 : -1) : shortServerId;
        try {
            return new ServerDefinition(
                    name,
                    parsedKind,
                    parsedUri,
                    ssid,
                    mode,
                    key,
                    Duration.ofSeconds(lifetimeSeconds == null ? 300 : lifetimeSeconds),
                    binding == null ? "U" : binding,
                    notificationStoring == null || notificationStoring,
                    Duration.ofSeconds(clientHoldOffSeconds == null ? 0 : clientHoldOffSeconds));
        } catch (InvalidServerDefinition e) {
            throw ProblemException.badRequest("Invalid server", e.getMessage(), field(e.component()));
        }
    }

    /** The request's field for a component of the server definition (they differ where units are named). */
    private static String field(String component) {
        return switch (component) {
            case "lifetime" -> "lifetimeSeconds";
            case "clientHoldOff" -> "clientHoldOffSeconds";
            default -> component;
        };
    }
}
