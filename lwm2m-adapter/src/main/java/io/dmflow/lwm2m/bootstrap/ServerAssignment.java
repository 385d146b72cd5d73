package io.dmflow.lwm2m.bootstrap;

import io.dmflow.lwm2m.security.ClientCredentials;
import java.util.Optional;

/**
 * One server a device is given, by name, with the credentials the device will use with it (none for NoSec).
 * <p>
 * {@code toString} shows the credentials' identity only, never their secrets.
 */
public record ServerAssignment(String serverName, Optional<ClientCredentials> credentials) {

    public ServerAssignment {
        if (serverName == null || serverName.isBlank()) {
            throw new IllegalArgumentException("a server assignment needs the server's name");
        }
        credentials = credentials == null ? Optional.empty() : credentials;
    }

    public static ServerAssignment noSec(String serverName) {
        return new ServerAssignment(serverName, Optional.empty());
    }

    public static ServerAssignment of(String serverName, ClientCredentials credentials) {
        return new ServerAssignment(serverName, Optional.of(credentials));
    }
}
