package io.dmflow.lwm2m.server;

import org.eclipse.leshan.server.LeshanServer;

/** The Leshan server inside a {@link DeviceManagementServer}, for tests that check its state directly. */
public final class ServerInternals {

    private ServerInternals() {}

    public static LeshanServer leshan(DeviceManagementServer server) {
        return server.leshan();
    }
}
