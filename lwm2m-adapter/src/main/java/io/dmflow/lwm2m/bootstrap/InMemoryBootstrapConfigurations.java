package io.dmflow.lwm2m.bootstrap;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Named servers and bootstrap configurations held in memory. */
public final class InMemoryBootstrapConfigurations implements BootstrapConfigurations {

    private final Map<String, ServerDefinition> servers = new ConcurrentHashMap<>();
    private final Map<String, BootstrapConfiguration> configurations = new ConcurrentHashMap<>();

    public InMemoryBootstrapConfigurations putServer(ServerDefinition server) {
        servers.put(server.name(), server);
        return this;
    }

    /** @throws IllegalArgumentException if it names a server that is not defined */
    public InMemoryBootstrapConfigurations put(BootstrapConfiguration configuration) {
        for (ServerAssignment assignment : configuration.servers()) {
            if (!servers.containsKey(assignment.serverName())) {
                throw new IllegalArgumentException("no LwM2M server named " + assignment.serverName());
            }
        }
        configurations.put(configuration.endpoint(), configuration);
        return this;
    }

    public Optional<BootstrapConfiguration> remove(String endpoint) {
        return Optional.ofNullable(configurations.remove(endpoint));
    }

    @Override
    public Optional<BootstrapConfiguration> forEndpoint(String endpoint) {
        return Optional.ofNullable(configurations.get(endpoint));
    }

    @Override
    public Optional<ServerDefinition> server(String name) {
        return Optional.ofNullable(servers.get(name));
    }
}
