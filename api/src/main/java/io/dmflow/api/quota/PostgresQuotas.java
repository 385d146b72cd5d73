package io.dmflow.api.quota;

import io.dmflow.api.database.Sql;
import io.dmflow.api.engine.EngineClient;
import io.dmflow.api.engine.WorkerConfig;
import io.dmflow.api.execution.FinalStatuses;
import io.dmflow.workers.quota.SlotGrantPublisher;
import io.dmflow.workers.store.Quotas;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;

/**
 * Quota slots in PostgreSQL, so that a restart neither forgets who holds a slot nor hands out more than the limit.
 * Whoever takes or gives back a slot of one quota locks its row first, so counting and taking happen one at a time.
 * A slot is held by an execution: one whose execution has ended (cancelled, or its flow stopped without releasing)
 * is given back whenever the quota is next looked at, and at once when this process records the end
 * ({@link EndedHolders}). Waiters get slots in the order they first asked ({@link WaitingLines}): a slot given back
 * is handed to the first in line at once, recorded as its slot, and its flow is woken by {@code quota.slot-granted}.
 */
@ApplicationScoped
public class PostgresQuotas implements Quotas {

    /** Settings prefix of quota limits: {@code dmflow.quota.<name>=<limit>}. */
    static final String SETTING_PREFIX = "dmflow.quota.";

    /** The limit of a quota the settings do not name: a flow with useQuota never stops at an unset quota. */
    static final int DEFAULT_LIMIT = 10;

    /**
     * A waiter asks again at least this often (the firmware flow's fallback timer is a minute, the software flow's
     * poll a second): one that has not asked for longer has gone and loses its place.
     */
    static final Duration FORGET_WAITER_AFTER = Duration.ofMinutes(3);

    @Inject
    Sql sql;

    @Inject
    Config config;

    @Inject
    EngineClient engine;

    @Inject
    WorkerConfig workers;

    private final WaitingLines lines = new WaitingLines(FORGET_WAITER_AFTER);

    private volatile SlotGrantPublisher grants;

    @Override
    public boolean acquire(String name, int limit, String holder) {
        List<String> handedOver = new ArrayList<>();
        boolean granted;
        try {
            granted = sql.transaction(connection -> {
                Set<String> holders = lockAndDropEnded(connection, name);
                if (holders.contains(holder)) {
                    lines.leave(connection, name, holder);
                    return true;
                }
                lines.join(connection, name, holder, limit, Instant.now());
                handedOver.addAll(handOver(connection, name, holders.size()));
                return handedOver.remove(holder);
            });
        } catch (Sql.Failure e) {
            throw new IllegalStateException("Could not acquire a slot of quota " + name + ": " + e.getMessage(), e);
        }
        tell(name, handedOver);
        return granted;
    }

    @Override
    public void release(String name, String holder) {
        List<String> handedOver;
        try {
            handedOver = sql.transaction(connection -> {
                Set<String> holders = lockAndDropEnded(connection, name);
                if (holders.remove(holder)) {
                    Sql.update(
                            connection,
                            "DELETE FROM dmflow.quota_slot WHERE quota_name = ? AND holder = ?",
                            name,
                            holder);
                }
                lines.leave(connection, name, holder);
                return handOver(connection, name, holders.size());
            });
        } catch (Sql.Failure e) {
            throw new IllegalStateException("Could not release a slot of quota " + name + ": " + e.getMessage(), e);
        }
        tell(name, handedOver);
    }

    /** Gives back every slot and place in line that {@code holder}, an execution that has ended, still has. */
    public void releaseAll(String holder) {
        Set<String> quotas = new TreeSet<>(
                sql.list("SELECT quota_name FROM dmflow.quota_slot WHERE holder = ?", row -> row.getString(1), holder));
        quotas.addAll(WaitingLines.quotasAwaitedBy(sql, holder));
        for (String name : quotas) {
            release(name, holder);
        }
    }

    @Override
    public OptionalInt configuredLimit(String name) {
        return OptionalInt.of(
                config.getOptionalValue(SETTING_PREFIX + name, Integer.class).orElse(DEFAULT_LIMIT));
    }

    /** How many slots of quota {@code name} are taken now. */
    public int taken(String name) {
        return (int) sql.number("SELECT count(*) FROM dmflow.quota_slot WHERE quota_name = ?", name);
    }

    /** Who holds the slots of quota {@code name} now. */
    public List<String> holders(String name) {
        return sql.list(
                "SELECT holder FROM dmflow.quota_slot WHERE quota_name = ? ORDER BY acquired_at",
                row -> row.getString(1),
                name);
    }

    /** Who waits for a slot of quota {@code name} now, first in line first. */
    public List<String> waiting(String name) {
        return WaitingLines.waiting(sql, name);
    }

    /** Locks the quota's row and gives back the slots of ended executions; answers who holds the others. */
    private static Set<String> lockAndDropEnded(Connection connection, String name) throws SQLException {
        Sql.update(connection, "INSERT INTO dmflow.quota (name) VALUES (?) ON CONFLICT (name) DO NOTHING", name);
        Sql.list(connection, "SELECT name FROM dmflow.quota WHERE name = ? FOR UPDATE", row -> null, name);
        Sql.update(
                connection,
                "DELETE FROM dmflow.quota_slot s USING dmflow.execution e"
                        + " WHERE s.quota_name = ? AND e.id = s.holder AND e.status IN " + FinalStatuses.SQL_LIST,
                name);
        return new HashSet<>(Sql.list(
                connection,
                "SELECT holder FROM dmflow.quota_slot WHERE quota_name = ?",
                row -> row.getString(1),
                name));
    }

    /** Hands free slots to the first in line, skipping waiters whose execution has ended; answers who got one. */
    private List<String> handOver(Connection connection, String name, int taken) throws SQLException {
        List<String> handedOver = new ArrayList<>();
        Instant now = Instant.now();
        for (Optional<WaitingLines.Waiter> first = lines.first(connection, name, now);
                first.isPresent() && taken < first.get().limit();
                first = lines.first(connection, name, now)) {
            String holder = first.get().holder();
            lines.leave(connection, name, holder);
            if (hasEnded(connection, holder)) {
                continue;
            }
            Sql.update(
                    connection,
                    "INSERT INTO dmflow.quota_slot (quota_name, holder, acquired_at) VALUES (?, ?, ?)",
                    name,
                    holder,
                    Timestamp.from(now));
            handedOver.add(holder);
            taken++;
        }
        return handedOver;
    }

    private static boolean hasEnded(Connection connection, String holder) throws SQLException {
        return Sql.first(
                        connection,
                        "SELECT 1 FROM dmflow.execution WHERE id = ? AND status IN " + FinalStatuses.SQL_LIST,
                        row -> true,
                        holder)
                .isPresent();
    }

    private void tell(String name, List<String> handedOver) {
        if (handedOver.isEmpty()) {
            return;
        }
        if (grants == null) {
            grants = new SlotGrantPublisher(engine::client, workers.messageTimeToLive());
        }
        for (String holder : handedOver) {
            grants.granted(name, holder);
        }
    }
}
