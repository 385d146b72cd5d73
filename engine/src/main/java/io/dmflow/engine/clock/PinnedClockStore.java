package io.dmflow.engine.clock;

import io.dmflow.engine.state.SqlSession;
import java.util.List;

/** The pinned engine clock, kept in the database so a restart keeps the time a test pinned. */
public final class PinnedClockStore {
    private final SqlSession sql;

    public PinnedClockStore(SqlSession sql) {
        this.sql = sql;
    }

    /** The pinned instant in epoch milliseconds, or null while the clock runs with the system clock. */
    public Long pinnedMillis() {
        List<Long> rows = sql.list("SELECT pinned_millis FROM engine.clock WHERE id = 1", rs -> {
            long value = rs.getLong(1);
            return rs.wasNull() ? null : value;
        });
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Pins the clock, or with null releases it. */
    public void pin(Long millis) {
        sql.update("UPDATE engine.clock SET pinned_millis = ? WHERE id = 1", millis);
    }
}
