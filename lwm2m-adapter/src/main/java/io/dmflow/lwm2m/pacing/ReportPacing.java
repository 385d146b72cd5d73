package io.dmflow.lwm2m.pacing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many reports (notifications, Sends) of one device are handled per second. Each report costs dmflow a database
 * transaction and a look at the device's executions; a device that reports far faster than any flow or operator reads
 * (a sensor observed without pmin, a firmware bug) would otherwise spend the CPU and database time the rest of the fleet
 * needs. Reports beyond the limit within a second are left out; flows that wait for a value also poll for it.
 * <p>
 * A device is known by a key of the caller's: its endpoint name once its report is read, its address before. A key that
 * has reported nothing for {@link #IDLE_NANOS} is forgotten, so neither a changing fleet nor spoofed addresses grow the
 * map.
 */
public final class ReportPacing {

    private static final long SECOND_NANOS = 1_000_000_000L;
    static final long IDLE_NANOS = 10 * SECOND_NANOS;

    private final int perSecond;
    private final Map<Object, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong lastSweepNanos = new AtomicLong(System.nanoTime());

    public ReportPacing(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("reports per device and second must be at least 1, was " + perSecond);
        }
        this.perSecond = perSecond;
    }

    public int perSecond() {
        return perSecond;
    }

    /** Whether this report of {@code device} is handled; false when the device is over its share this second. */
    public boolean admit(Object device, long nowNanos) {
        sweepIdle(nowNanos);
        return windows.computeIfAbsent(device, d -> new Window()).admit(nowNanos, perSecond);
    }

    /** Forgets a device that is gone. */
    public void forget(Object device) {
        windows.remove(device);
    }

    int trackedDevices() {
        return windows.size();
    }

    /** At most once per idle period, by whichever caller comes first: the map's cost is one pass per period. */
    private void sweepIdle(long nowNanos) {
        long last = lastSweepNanos.get();
        if (nowNanos - last >= IDLE_NANOS && lastSweepNanos.compareAndSet(last, nowNanos)) {
            windows.values().removeIf(window -> window.idle(nowNanos));
        }
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

        synchronized boolean idle(long nowNanos) {
            return startNanos != Long.MIN_VALUE && nowNanos - startNanos >= IDLE_NANOS;
        }
    }
}
