package io.dmflow.api.quota;

import io.dmflow.workers.store.Quotas;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * Quota slots in PostgreSQL, so that a restart neither forgets who holds a slot nor hands out more than the limit.
 * Acquirers of one quota lock its row, count and insert in one transaction. A slot whose execution has ended
 * (cancelled, or its flow stopped without releasing) is given back at the next acquire of that quota.
 */
@ApplicationScoped
public class PostgresQuotas implements Quotas {

    /** Settings prefix of quota limits: {@code dmflow.quota.<name>=<limit>}. */
    static final String SETTING_PREFIX = "dmflow.quota.";

    /** The limit of a quota the settings do not name: a flow with useQuota never stops at an unset quota. */
    static final int DEFAULT_LIMIT = 10;

    @Inject
    DataSource dataSource;

    @Inject
    Config config;

    @Override
    public boolean acquire(String name, int limit, String holder) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                boolean granted = acquire(connection, name, limit, holder);
                connection.commit();
                return granted;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not acquire a slot of quota " + name + ": " + e.getMessage(), e);
        }
    }

    private static boolean acquire(Connection connection, String name, int limit, String holder) throws SQLException {
        try (PreparedStatement create = connection.prepareStatement(
                "INSERT INTO dmflow.quota (name) VALUES (?) ON CONFLICT (name) DO NOTHING")) {
            create.setString(1, name);
            create.executeUpdate();
        }
        try (PreparedStatement lock =
                connection.prepareStatement("SELECT name FROM dmflow.quota WHERE name = ? FOR UPDATE")) {
            lock.setString(1, name);
            lock.executeQuery().close();
        }
        try (PreparedStatement stale = connection.prepareStatement("""
                DELETE FROM dmflow.quota_slot s USING dmflow.execution e
                WHERE s.quota_name = ? AND e.id = s.holder
                  AND e.status IN ('SUCCESS', 'WARNING', 'ERROR', 'CANCELLED')""")) {
            stale.setString(1, name);
            stale.executeUpdate();
        }
        int taken;
        boolean holds = false;
        try (PreparedStatement count =
                connection.prepareStatement("SELECT holder FROM dmflow.quota_slot WHERE quota_name = ?")) {
            count.setString(1, name);
            taken = 0;
            try (ResultSet rows = count.executeQuery()) {
                while (rows.next()) {
                    taken++;
                    holds |= rows.getString(1).equals(holder);
                }
            }
        }
        if (holds) {
            return true;
        }
        if (taken >= limit) {
            return false;
        }
        try (PreparedStatement take = connection.prepareStatement(
                "INSERT INTO dmflow.quota_slot (quota_name, holder, acquired_at) VALUES (?, ?, ?)")) {
            take.setString(1, name);
            take.setString(2, holder);
            take.setTimestamp(3, Timestamp.from(Instant.now()));
            take.executeUpdate();
        }
        return true;
    }

    @Override
    public void release(String name, String holder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement release = connection.prepareStatement(
                        "DELETE FROM dmflow.quota_slot WHERE quota_name = ? AND holder = ?")) {
            release.setString(1, name);
            release.setString(2, holder);
            release.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not release a slot of quota " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public OptionalInt configuredLimit(String name) {
        return OptionalInt.of(
                config.getOptionalValue(SETTING_PREFIX + name, Integer.class).orElse(DEFAULT_LIMIT));
    }

    /** How many slots of quota {@code name} are taken now. */
    public int taken(String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count =
                        connection.prepareStatement("SELECT count(*) FROM dmflow.quota_slot WHERE quota_name = ?")) {
            count.setString(1, name);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the slots of quota " + name + ": " + e.getMessage(), e);
        }
    }
}
