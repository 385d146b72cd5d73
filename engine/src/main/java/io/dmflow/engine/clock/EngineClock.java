package io.dmflow.engine.clock;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The engine's notion of now. Tests pin it through {@code PUT /v2/clock}; timers, deadlines and
 * FEEL's now() all read it, so a pinned clock moves them together.
 */
public final class EngineClock {
    private volatile Long pinnedMillis;

    public long millis() {
        Long pinned = pinnedMillis;
        return pinned != null ? pinned : System.currentTimeMillis();
    }

    public ZonedDateTime zonedNow() {
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(millis()), ZoneId.systemDefault());
    }

    public void pin(Long millis) {
        this.pinnedMillis = millis;
    }

    public boolean isPinned() {
        return pinnedMillis != null;
    }
}
