package io.dmflow.api.lwm2m;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
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

    @WithName("coap.host")
    @WithDefault("0.0.0.0")
    String coapHost();

    @WithName("coap.port")
    @WithDefault("5783")
    int coapPort();

    @WithName("coaps.host")
    @WithDefault("0.0.0.0")
    String coapsHost();

    @WithName("coaps.port")
    @WithDefault("5784")
    int coapsPort();

    /** How long each request of a bootstrap session waits for the device. */
    @WithDefault("10s")
    Duration requestTimeout();
}
