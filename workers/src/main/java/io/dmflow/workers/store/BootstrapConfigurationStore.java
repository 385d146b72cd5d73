package io.dmflow.workers.store;

import io.dmflow.lwm2m.bootstrap.BootstrapConfiguration;
import io.dmflow.lwm2m.bootstrap.ServerDefinition;
import java.util.Optional;

/**
 * The named LwM2M servers and what each device is given at its next bootstrap, as bootstrap flows change it; the
 * bootstrap server reads the same configurations.
 */
public interface BootstrapConfigurationStore {

    Optional<ServerDefinition> server(String name);

    /** The management server with this Short Server ID, the number templates may name a server by. */
    Optional<ServerDefinition> serverWithShortId(int shortServerId);

    Optional<BootstrapConfiguration> forEndpoint(String endpoint);

    /** Replaces the device's configuration. */
    void put(BootstrapConfiguration configuration);
}
