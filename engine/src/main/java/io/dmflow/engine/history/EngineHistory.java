package io.dmflow.engine.history;

import io.dmflow.engine.state.SqlSession;
import io.dmflow.engine.state.StateAccessException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Removes what the engine keeps of process instances that ended long ago: the whole tree of an ended root instance
 * (its call activities' instances, element instances, variables, jobs, incidents, timers, subscriptions) and the
 * messages that expired or were correlated. Without it the engine's tables grow with every instance ever run.
 * <p>
 * Each call removes one batch in one transaction, so that a large backlog never holds locks for long; an instance
 * that is still active, or whose root is, is never touched.
 */
public final class EngineHistory {

    private final DataSource dataSource;

    public EngineHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What one call removed. */
    public record Removed(int rootInstances, int messages) {

        public boolean isEmpty() {
            return rootInstances == 0 && messages == 0;
        }
    }

    /**
     * Removes up to {@code batch} root instances that ended before {@code cutoffMillis} (engine time) with their
     * trees, and up to {@code batch} messages no longer published whose deadline passed before it.
     */
    public Removed removeEndedBefore(long cutoffMillis, int batch) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                SqlSession sql = new SqlSession(connection);
                int roots = removeInstances(sql, cutoffMillis, batch);
                int messages = removeMessages(sql, cutoffMillis, batch);
                connection.commit();
                return new Removed(roots, messages);
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StateAccessException("remove ended process instances", e);
        }
    }

    private static int removeInstances(SqlSession sql, long cutoffMillis, int batch) {
        // SKIP LOCKED: a root that a command holds right now is left for the next round.
        List<Long> roots = sql.list(
                "SELECT process_instance_key FROM engine.process_instance"
                        + " WHERE state <> 'ACTIVE' AND process_instance_key = root_process_instance_key AND end_time < ?"
                        + " ORDER BY end_time LIMIT ? FOR UPDATE SKIP LOCKED",
                rs -> rs.getLong(1),
                cutoffMillis,
                batch);
        if (roots.isEmpty()) {
            return 0;
        }
        long[] rootKeys = roots.stream().mapToLong(Long::longValue).toArray();
        long[] instances = sql
                .list(
                        "SELECT process_instance_key FROM engine.process_instance"
                                + " WHERE root_process_instance_key = ANY(?)",
                        rs -> rs.getLong(1),
                        (Object) rootKeys)
                .stream()
                .mapToLong(Long::longValue)
                .toArray();
        sql.update(
                "DELETE FROM engine.join_arrival WHERE flow_scope_key = ANY(?) OR flow_scope_key IN"
                        + " (SELECT element_instance_key FROM engine.element_instance WHERE process_instance_key = ANY(?))",
                instances,
                instances);
        sql.update(
                "DELETE FROM engine.multi_instance_input WHERE body_key IN (SELECT element_instance_key"
                        + " FROM engine.element_instance WHERE process_instance_key = ANY(?))",
                (Object) instances);
        for (String table : List.of(
                "element_instance",
                "sequence_flow_taken",
                "variable",
                "job",
                "incident",
                "timer",
                "message_subscription",
                "process_instance")) {
            sql.update("DELETE FROM engine." + table + " WHERE process_instance_key = ANY(?)", (Object) instances);
        }
        return roots.size();
    }

    private static int removeMessages(SqlSession sql, long cutoffMillis, int batch) {
        long[] messages = sql
                .list(
                        "SELECT message_key FROM engine.message WHERE state <> 'PUBLISHED' AND deadline < ?"
                                + " ORDER BY deadline LIMIT ? FOR UPDATE SKIP LOCKED",
                        rs -> rs.getLong(1),
                        cutoffMillis,
                        batch)
                .stream()
                .mapToLong(Long::longValue)
                .toArray();
        if (messages.length == 0) {
            return 0;
        }
        sql.update("DELETE FROM engine.message_correlation WHERE message_key = ANY(?)", (Object) messages);
        sql.update("DELETE FROM engine.message WHERE message_key = ANY(?)", (Object) messages);
        return messages.length;
    }
}
