package io.dmflow.api.engine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where dmflow's own Camunda client sends its commands: to this application's embedded engine unless a
 * Camunda 8 cluster is named (with {@code dmflow.engine.mode=remote}); {@code dmflow.camunda.*}.
 */
@ConfigMapping(prefix = "dmflow.camunda")
public interface EngineClientConfig {

    /** The cluster's REST address, e.g. {@code http://zeebe:8080}; empty: this application's own HTTP port. */
    Optional<URI> restAddress();

    /** The cluster's gRPC address; the client prefers REST, so this is used only for what REST lacks. */
    Optional<URI> grpcAddress();

    /** How long one client command may take. */
    @WithDefault("30s")
    Duration requestTimeout();
}
