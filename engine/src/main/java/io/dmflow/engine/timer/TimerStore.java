package io.dmflow.engine.timer;

import io.dmflow.engine.state.SqlSession;
import java.util.List;
import java.util.Optional;

/** Timers by due date. The owner is the element instance whose end cancels the timer. */
public final class TimerStore {
    public record Timer(
            long key,
            long ownerKey,
            String targetElementId,
            long processInstanceKey,
            long rootProcessInstanceKey,
            long dueDate,
            int repetitions,
            String cycleInterval,
            String state) {}

    private static final String COLUMNS = "timer_key, owner_key, target_element_id, process_instance_key, "
            + "root_process_instance_key, due_date, repetitions, cycle_interval, state";
    private final SqlSession sql;

    public TimerStore(SqlSession sql) {
        this.sql = sql;
    }

    public void create(
            long key,
            long ownerKey,
            String targetElementId,
            long processInstanceKey,
            long rootKey,
            long processDefinitionKey,
            long dueDate,
            int repetitions,
            String cycleInterval,
            String tenantId) {
        sql.update(
                "INSERT INTO engine.timer (timer_key, owner_key, target_element_id, process_instance_key, "
                        + "root_process_instance_key, process_definition_key, due_date, repetitions, cycle_interval, state, tenant_id) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,'CREATED',?)",
                key,
                ownerKey,
                targetElementId,
                processInstanceKey,
                rootKey,
                processDefinitionKey,
                dueDate,
                repetitions,
                cycleInterval,
                tenantId);
    }

    public void cancelFor(long ownerKey) {
        sql.update("UPDATE engine.timer SET state = 'CANCELED' WHERE owner_key = ? AND state = 'CREATED'", ownerKey);
    }

    /** Start timers belong to the latest version only (process instance key 0: no instance owns them). */
    public void cancelStartTimers(String tenantId, String bpmnProcessId) {
        sql.update(
                "UPDATE engine.timer SET state = 'CANCELED' WHERE process_instance_key = 0 AND state = 'CREATED' "
                        + "AND owner_key IN (SELECT process_definition_key FROM engine.process_definition WHERE tenant_id = ? "
                        + "AND bpmn_process_id = ?)",
                tenantId,
                bpmnProcessId);
    }

    /** Held until the transaction ends, so that two due-work rounds cannot fire the same timer. */
    public void lock(long key) {
        sql.one("SELECT 1 FROM engine.timer WHERE timer_key = ? FOR UPDATE", rs -> 1, key);
    }

    public List<Timer> due(long now, int limit) {
        return sql.list(
                "SELECT " + COLUMNS
                        + " FROM engine.timer WHERE state = 'CREATED' AND due_date <= ? ORDER BY due_date LIMIT ?",
                TimerStore::map,
                now,
                limit);
    }

    public Optional<Timer> find(long key) {
        return sql.one("SELECT " + COLUMNS + " FROM engine.timer WHERE timer_key = ?", TimerStore::map, key);
    }

    public void triggered(long key) {
        sql.update("UPDATE engine.timer SET state = 'TRIGGERED' WHERE timer_key = ?", key);
    }

    public void reschedule(long key, long dueDate, int repetitions) {
        sql.update(
                "UPDATE engine.timer SET due_date = ?, repetitions = ? WHERE timer_key = ?", dueDate, repetitions, key);
    }

    private static Timer map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Timer(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getInt(7),
                rs.getString(8),
                rs.getString(9));
    }
}
