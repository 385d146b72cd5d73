package io.dmflow.api.lwm2m;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Where the LwM2M management server listens. A negative port disables that protocol. */
@ConfigMapping(prefix = "dmflow.lwm2m")
public interface Lwm2mServerConfig {

    @WithName("coap.host")
    @WithDefault("0.0.0.0")
    String coapHost();

    @WithName("coap.port")
    @WithDefault("5683")
    int coapPort();

    @WithName("coaps.host")
    @WithDefault("0.0.0.0")
    String coapsHost();

    @WithName("coaps.port")
    @WithDefault("5684")
    int coapsPort();

    /** How often registrations whose lifetime ran out are found and the devices marked offline. */
    @WithDefault("10s")
    Duration expirationCheckInterval();

    /** How long a queue-mode device listens after its last message before it counts as sleeping. */
    @WithName("queue.awake-time")
    @WithDefault("93s")
    Duration queueAwakeTime();

    /** UDP receive buffer; fleets that register at once overflow a small one. */
    @WithDefault("4194304")
    int udpReceiveBufferBytes();
}
