package io.dmflow.lwm2m.server;

import java.time.Duration;

/**
 * Where the management server listens and how it watches registrations.
 *
 * @param coapHost address to bind plain CoAP to (e.g. {@code 0.0.0.0}, {@code 127.0.0.1})
 * @param coapPort UDP port for CoAP; 0 picks a free one; negative disables CoAP
 * @param coapsHost address to bind CoAP over DTLS to
 * @param coapsPort UDP port for CoAPS; 0 picks a free one; negative disables CoAPS
 * @param expirationCheckInterval how often registrations whose lifetime ran out are removed
 * @param udpReceiveBufferBytes socket receive buffer, large enough for fleets registering at once
 * @param queueAwakeTime how long a queue-mode device listens after it last contacted the server
 */
public record ServerSettings(
        String coapHost,
        int coapPort,
        String coapsHost,
        int coapsPort,
        Duration expirationCheckInterval,
        int udpReceiveBufferBytes,
        Duration queueAwakeTime) {

    public static final int DISABLED = -1;

    public ServerSettings {
        if (coapPort < 0 && coapsPort < 0) {
            throw new IllegalArgumentException("At least one of CoAP and CoAPS must be enabled");
        }
        if (expirationCheckInterval.isNegative() || expirationCheckInterval.isZero()) {
            throw new IllegalArgumentException("expirationCheckInterval must be positive");
        }
        if (queueAwakeTime.isNegative() || queueAwakeTime.isZero()) {
            throw new IllegalArgumentException("queueAwakeTime must be positive");
        }
    }

    /**
     * Both protocols on loopback, free ports, expiries noticed within a second and queue-mode devices
     * counted asleep 2 s after their last message: what tests and local tools use.
     */
    public static ServerSettings loopback() {
        return new ServerSettings(
                "127.0.0.1", 0, "127.0.0.1", 0, Duration.ofSeconds(1), 4 * 1024 * 1024, Duration.ofSeconds(2));
    }

    public boolean coapEnabled() {
        return coapPort >= 0;
    }

    public boolean coapsEnabled() {
        return coapsPort >= 0;
    }
}
