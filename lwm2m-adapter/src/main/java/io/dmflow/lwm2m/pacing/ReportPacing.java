package io.dmflow.lwm2m.event;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many reports (notifications, Sends) of one device are handled per second. Each report costs dmflow a database
 * transaction and a look at the device's executions; a device that reports far faster than any flow or operator reads
 * (a sensor observed without pmin, a firmware bug) would otherwise spend the CPU and database time the rest of the fleet
 * needs. Reports beyond the limit within a second are left out; flows that wait for a value also poll for it.
 */
final class ReportPacing {

    private static final long SECOND_NANOS = 1_000_000_000L;

    private final int perSecond;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    ReportPacing(int perSecond) {
        this.perSecond = perSecond;
    }

    /** Whether this report of {@code endpoint} is handled; false when the device is over its share this second. */
    boolean admit(String endpoint, long nowNanos) {
        return windows.computeIfAbsent(endpoint, e -> new Window()).admit(nowNanos, perSecond);
    }

    /** Forgets a device that is gone, so a fleet that changes does not grow the map. */
    void forget(String endpoint) {
        windows.remove(endpoint);
    }

    private static final class Window {
        private long startNanos = Long.MIN_VALUE;
        private int count;

        synchronized boolean admit(long nowNanos, int limit) {
            if (startNanos == Long.MIN_VALUE || nowNanos - startNanos >= SECOND_NANOS) {
                startNanos = nowNanos;
                count = 0;
            }
            return ++count <= limit;
        }
    }
}
