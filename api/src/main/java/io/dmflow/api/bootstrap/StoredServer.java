package io.dmflow.api.bootstrap;

import io.dmflow.lwm2m.bootstrap.ServerDefinition;

/**
 * A named server as {@link NamedServers} keeps it: the LwM2M definition, and dmflow's own flag whether devices'
 * credentials for it go into dmflow's security store.
 */
public record StoredServer(ServerDefinition definition, boolean provisionCredentials) {}
