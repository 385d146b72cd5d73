package io.dmflow.api.quota;

import io.dmflow.api.database.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who waits for a slot of each quota, in the order they first asked, so that slots are handed out first come, first
 * served. Kept in PostgreSQL: after a restart the line is still there, so the first slot given back goes to the
 * first waiter at once. A waiter that has not asked for longer than {@code forgetAfter} (its flow ended without
 * saying so, e.g. a process instance cancelled in the engine) is dropped, so it cannot block the line.
 * <p>
 * The changes take the caller's connection: they belong to the transaction that holds the quota's row lock.
 */
final class WaitingLines {

    /** One waiter: whom it is and the limit it asked with. */
    record Waiter(String holder, int limit) {}

    private final Duration forgetAfter;

    WaitingLines(Duration forgetAfter) {
        this.forgetAfter = forgetAfter;
    }

    /** Puts {@code holder} at the end of the line, or keeps its place if it is in line already. */
    void join(Connection connection, String quota, String holder, int limit, Instant now) throws SQLException {
        Sql.update(
                connection,
                "INSERT INTO dmflow.quota_waiter (quota_name, holder, waiter_limit, last_asked_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (quota_name, holder) DO UPDATE"
                        + " SET waiter_limit = EXCLUDED.waiter_limit, last_asked_at = EXCLUDED.last_asked_at",
                quota,
                holder,
                limit,
                Sql.timestamp(now));
    }

    /** The first in line, forgetting those that stopped asking. */
    Optional<Waiter> first(Connection connection, String quota, Instant now) throws SQLException {
        Sql.update(
                connection,
                "DELETE FROM dmflow.quota_waiter WHERE quota_name = ? AND last_asked_at <= ?",
                quota,
                Sql.timestamp(now.minus(forgetAfter)));
        return Sql.first(
                connection,
                "SELECT holder, waiter_limit FROM dmflow.quota_waiter WHERE quota_name = ? ORDER BY place LIMIT 1",
                row -> new Waiter(row.getString(1), row.getInt(2)),
                quota);
    }

    /** Takes {@code holder} out of the line; answers whether it was in it. */
    boolean leave(Connection connection, String quota, String holder) throws SQLException {
        return Sql.update(
                        connection,
                        "DELETE FROM dmflow.quota_waiter WHERE quota_name = ? AND holder = ?",
                        quota,
                        holder)
                > 0;
    }

    /** The quotas {@code holder} waits for. */
    static List<String> quotasAwaitedBy(Sql sql, String holder) {
        return sql.list("SELECT quota_name FROM dmflow.quota_waiter WHERE holder = ?", row -> row.getString(1), holder);
    }

    /** Who waits for {@code quota}, first in line first. */
    static List<String> waiting(Sql sql, String quota) {
        return sql.list(
                "SELECT holder FROM dmflow.quota_waiter WHERE quota_name = ? ORDER BY place",
                row -> row.getString(1),
                quota);
    }
}
