package io.dmflow.api.lwm2m;

import io.smallrye.config.WithDefault;
import java.util.OptionalInt;

/**
 * Where one of dmflow's LwM2M servers listens for one protocol, CoAP or CoAPS: the same two settings under
 * {@code dmflow.lwm2m.coap}, {@code dmflow.lwm2m.coaps}, {@code dmflow.bootstrap.coap} and
 * {@code dmflow.bootstrap.coaps}. The port's default depends on the server, so each server's settings interface
 * names it ({@link Lwm2mServerConfig#COAP_PORT}, {@link BootstrapServerConfig#COAP_PORT}, ...).
 */
public interface Endpoint {

    /** The address to bind; 0.0.0.0 for every interface. */
    @WithDefault("0.0.0.0")
    String host();

    /** The UDP port: 0 for any free one, negative to not listen at all; unset for the server's usual port. */
    OptionalInt port();

    /** The port set, or the server's usual one. */
    default int portOr(int usual) {
        return port().orElse(usual);
    }
}
