package io.dmflow.lwm2m.bootstrap;

import java.util.List;

/**
 * What a device is given when it bootstraps: the servers it gets accounts for, by name. At most one bootstrap server
 * (it replaces the device's bootstrap account) and at least one server in all.
 */
public record BootstrapConfiguration(String endpoint, List<ServerAssignment> servers) {

    public BootstrapConfiguration {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("a bootstrap configuration needs the device's endpoint");
        }
        if (servers == null || servers.isEmpty()) {
            throw new IllegalArgumentException("the bootstrap configuration of " + endpoint + " names no server");
        }
        servers = List.copyOf(servers);
        long distinct =
                servers.stream().map(ServerAssignment::serverName).distinct().count();
        if (distinct != servers.size()) {
            throw new IllegalArgumentException("the bootstrap configuration of " + endpoint + " names a server twice");
        }
    }

    public static BootstrapConfiguration of(String endpoint, ServerAssignment... servers) {
        return new BootstrapConfiguration(endpoint, List.of(servers));
    }
}
