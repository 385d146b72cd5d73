package io.dmflow.api.bootstrap;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dmflow.lwm2m.bootstrap.ServerDefinition;
import java.util.Base64;
import java.util.Locale;

/** A named LwM2M server as the API shows it (its public key is public: devices pin it). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerView(
        String name,
        String kind,
        String uri,
        int shortServerId,
        String securityMode,
        String serverPublicKey,
        long lifetimeSeconds,
        String binding,
        boolean notificationStoring,
        long clientHoldOffSeconds,
        boolean provisionCredentials) {

    static ServerView of(ServerDefinition server, boolean provisionCredentials) {
        return new ServerView(
                server.name(),
                server.kind().name().toLowerCase(Locale.ROOT),
                server.uri().toString(),
                server.shortServerId(),
                server.securityMode().name().toLowerCase(Locale.ROOT).replace("_", ""),
                server.serverPublicKey()
                        .map(k -> Base64.getEncoder().encodeToString(k.getEncoded()))
                        .orElse(null),
                server.lifetime().toSeconds(),
                server.binding(),
                server.notificationStoring(),
                server.clientHoldOff().toSeconds(),
                provisionCredentials);
    }
}
