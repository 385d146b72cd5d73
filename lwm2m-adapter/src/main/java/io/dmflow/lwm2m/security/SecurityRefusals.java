package io.dmflow.lwm2m.security;

import io.dmflow.lwm2m.logging.LogRateLimit;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Devices turned away by DTLS or by the registration check, so an operator sees why a device never registers (the
 * device itself only times out or gets a bare 4.03). Every refusal is counted by reason; it is logged with who, from
 * where and why, at most once per minute for one peer address and endpoint or identity: a misconfigured device
 * retries for ever (often from a new port each time), and a flood of handshakes must not become a flood of log
 * lines. The next line says how many were left out. Distinct devices behind one address still get a line each.
 */
public final class SecurityRefusals {

    static final Duration LOG_INTERVAL = Duration.ofMinutes(1);
    /** Peers remembered for rate limiting; beyond this (spoofed sources, a huge fleet) new ones are only counted. */
    static final int MAX_TRACKED_PEERS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(SecurityRefusals.class);

    private final Map<RefusalReason, AtomicLong> counts = new EnumMap<>(RefusalReason.class);
    private final LogRateLimit logLimit;

    public SecurityRefusals() {
        this(Clock.systemUTC());
    }

    SecurityRefusals(Clock clock) {
        this.logLimit = new LogRateLimit(clock, LOG_INTERVAL, MAX_TRACKED_PEERS);
        for (RefusalReason reason : RefusalReason.values()) {
            counts.put(reason, new AtomicLong());
        }
    }

    /** Refusals for {@code reason} since start. */
    public long count(RefusalReason reason) {
        return counts.get(reason).get();
    }

    /**
     * Records a refusal.
     *
     * @param who the endpoint name or the PSK identity, whichever the refusal names; may be {@code null}
     * @param detail what else the operator needs, e.g. the DTLS alert; may be {@code null}
     */
    public void refused(RefusalReason reason, String who, InetSocketAddress peer, String detail) {
        counts.get(reason).incrementAndGet();
        String host = peer == null
                ? null
                : peer.getAddress() == null
                        ? peer.getHostString()
                        : peer.getAddress().getHostAddress();
        OptionalLong leftOut = logLimit.admit(host + " " + who);
        if (leftOut.isEmpty()) {
            return;
        }
        LOG.warn(
                "Refused {} from {}: {}{}{}",
                who == null ? "a device" : who,
                peer == null ? "an unknown address" : host + ":" + peer.getPort(),
                reason.description(),
                detail == null ? "" : " (" + detail + ")",
                leftOut.getAsLong() == 0
                        ? ""
                        : "; " + leftOut.getAsLong()
                                + " more refusals of it from this address in the last minute not logged");
    }
}
