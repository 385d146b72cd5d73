package io.dmflow.api.lwm2m;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Where the bootstrap server listens. The usual LwM2M bootstrap ports are 5683/5684 on a host of its own; beside the
 * management server on one host dmflow takes 5783/5784. A negative port disables that protocol.
 */
@ConfigMapping(prefix = "dmflow.bootstrap")
public interface BootstrapServerConfig {

    /** false: no bootstrap server at all. */
    @WithDefault("true")
    boolean enabled();

    /** The ports taken when {@code coap.port} or {@code coaps.port} is not set. */
    int COAP_PORT = 5783;

    int COAPS_PORT = 5784;

    Endpoint coap();

    Endpoint coaps();

    /** How long each request of a bootstrap session waits for the device. */
    @WithDefault("10s")
    Duration requestTimeout();
}
