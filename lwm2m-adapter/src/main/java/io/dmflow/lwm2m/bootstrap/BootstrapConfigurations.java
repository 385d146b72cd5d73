package io.dmflow.lwm2m.bootstrap;

import java.util.Optional;

/**
 * Where the bootstrap server finds, per device, what to give it, and the named servers configurations refer to.
 * In memory by default ({@link InMemoryBootstrapConfigurations}), in PostgreSQL in the application.
 */
public interface BootstrapConfigurations {

    Optional<BootstrapConfiguration> forEndpoint(String endpoint);

    Optional<ServerDefinition> server(String name);
}
