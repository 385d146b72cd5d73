package io.dmflow.lwm2m.logging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one log line per key (a peer, an endpoint) and interval, for events a misbehaving device repeats at every
 * retry. The line that is let through says how many were left out before it.
 */
public final class LogRateLimit {

    private final Clock clock;
    private final Duration interval;
    private final int maxKeys;
    private final Map<Object, Window> windows = new ConcurrentHashMap<>();

    /** {@code maxKeys} bounds the memory: beyond it (spoofed sources, a huge fleet) new keys are not logged. */
    public LogRateLimit(Clock clock, Duration interval, int maxKeys) {
        this.clock = clock;
        this.interval = interval;
        this.maxKeys = maxKeys;
    }

    public Duration interval() {
        return interval;
    }

    /**
     * Whether this occurrence for {@code key} is logged: if so, how many occurrences were left out since the last
     * line for it; empty if it is to be left out.
     */
    public OptionalLong admit(Object key) {
        Instant now = clock.instant();
        if (windows.size() >= maxKeys) {
            windows.values().removeIf(window -> window.over(now, interval));
        }
        Window window = windows.size() < maxKeys ? windows.computeIfAbsent(key, k -> new Window()) : windows.get(key);
        return window == null ? OptionalLong.empty() : window.admit(now, interval);
    }

    private static final class Window {
        private Instant lastLogged;
        private long leftOut;

        synchronized boolean over(Instant now, Duration interval) {
            return lastLogged == null || Duration.between(lastLogged, now).compareTo(interval) >= 0;
        }

        synchronized OptionalLong admit(Instant now, Duration interval) {
            if (!over(now, interval)) {
                leftOut++;
                return OptionalLong.empty();
            }
            long before = leftOut;
            leftOut = 0;
            lastLogged = now;
            return OptionalLong.of(before);
        }
    }
}
