package io.dmflow.api.execution;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * At most one look a period at a device's queue for its contacts. A device that reports twenty values a second or
 * registers again and again would otherwise cost a database transaction per message for a queue that changes only
 * when a task is submitted or an execution ends (and those kick looks of their own). The first contact of a period is
 * looked at at once; any later one in the same period makes one look at the period's end, so that the device's last
 * contact is never the one left out: a task queued for it meanwhile still starts while it is known to be there.
 */
final class ContactLooks {

    private final long periodNanos;
    private final ScheduledExecutorService timer;
    private final Consumer<String> look;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong lastSweepNanos = new AtomicLong(System.nanoTime());

    /** @param look looks at the device's queue for a contact (called on the caller's or the timer's thread) */
    ContactLooks(Duration period, ScheduledExecutorService timer, Consumer<String> look) {
        this.periodNanos = period.toNanos();
        this.timer = timer;
        this.look = look;
    }

    void contact(String endpoint) {
        long now = System.nanoTime();
        sweep(now);
        long[] trailingInNanos = {-1};
        boolean[] lookNow = {false};
        windows.compute(endpoint, (key, window) -> {
            if (window == null || now - window.lookedAtNanos >= periodNanos) {
                lookNow[0] = true;
                return new Window(now, false);
            }
            if (!window.trailing) {
                trailingInNanos[0] = window.lookedAtNanos + periodNanos - now;
                return new Window(window.lookedAtNanos, true);
            }
            return window;
        });
        if (lookNow[0]) {
            look.accept(endpoint);
        } else if (trailingInNanos[0] >= 0) {
            try {
                timer.schedule(() -> trailing(endpoint), trailingInNanos[0], TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // dmflow is stopping: the device's next contact after the start is looked at then.
            }
        }
    }

    int trackedDevices() {
        return windows.size();
    }

    private void trailing(String endpoint) {
        windows.put(endpoint, new Window(System.nanoTime(), false));
        look.accept(endpoint);
    }

    /** Devices silent for ten periods are forgotten, by whichever contact comes first after that time. */
    private void sweep(long now) {
        long last = lastSweepNanos.get();
        if (now - last >= 10 * periodNanos && lastSweepNanos.compareAndSet(last, now)) {
            windows.values().removeIf(window -> !window.trailing && now - window.lookedAtNanos >= periodNanos);
        }
    }

    private record Window(long lookedAtNanos, boolean trailing) {}
}
