package io.dmflow.api.bootstrap;

import io.dmflow.lwm2m.bootstrap.BootstrapConfiguration;
import io.dmflow.lwm2m.bootstrap.BootstrapConfigurations;
import io.dmflow.lwm2m.bootstrap.ServerDefinition;
import io.dmflow.workers.store.BootstrapConfigurationStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The view the bootstrap server and the bootstrap flows' workers have of two stores: the {@link NamedServers} and
 * the devices' {@link BootstrapAssignments}. Their interfaces (in the adapter and in workers) ask for both at once.
 */
@ApplicationScoped
public class PostgresBootstrapConfigurations implements BootstrapConfigurations, BootstrapConfigurationStore {

    @Inject
    NamedServers servers;

    @Inject
    BootstrapAssignments assignments;

    public Optional<StoredServer> storedServer(String name) {
        return servers.find(name);
    }

    @Override
    public Optional<ServerDefinition> server(String name) {
        return servers.find(name).map(StoredServer::definition);
    }

    @Override
    public Optional<ServerDefinition> serverWithShortId(int shortServerId) {
        return servers.withShortId(shortServerId);
    }

    @Override
    public Optional<BootstrapConfiguration> forEndpoint(String endpoint) {
        return assignments.forEndpoint(endpoint);
    }

    @Override
    public void put(BootstrapConfiguration configuration) {
        assignments.put(configuration);
    }
}
