package io.dmflow.lwm2m.bootstrap;

import java.time.Duration;

/**
 * Where the bootstrap server listens and how long it waits for devices.
 *
 * @param coapPort UDP port for CoAP; 0 picks a free one; negative disables it
 * @param coapsPort UDP port for CoAP over DTLS; same rules
 * @param requestTimeout how long each request of a bootstrap session waits for the device
 */
public record BootstrapServerSettings(
        String coapHost, int coapPort, String coapsHost, int coapsPort, Duration requestTimeout) {

    public static final int DISABLED = -1;

    public BootstrapServerSettings {
        if (coapPort < 0 && coapsPort < 0) {
            throw new IllegalArgumentException("At least one of CoAP and CoAPS must be enabled");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive");
        }
    }

    /** Both protocols on loopback, free ports: what tests use. */
    public static BootstrapServerSettings loopback() {
        return new BootstrapServerSettings("127.0.0.1", 0, "127.0.0.1", 0, Duration.ofSeconds(5));
    }

    public boolean coapEnabled() {
        return coapPort >= 0;
    }

    public boolean coapsEnabled() {
        return coapsPort >= 0;
    }
}
