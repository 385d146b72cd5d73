package io.dmflow.engine.instance;

import io.dmflow.engine.state.SqlSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

public final class ProcessInstanceState {
    private static final String COLUMNS = "process_instance_key, process_definition_key, bpmn_process_id, version, "
            + "parent_process_instance_key, parent_element_instance_key, root_process_instance_key, tenant_id, tags";
    private final SqlSession sql;
    private final Map<Long, ProcessInstance> loaded = new HashMap<>();

    public ProcessInstanceState(SqlSession sql) {
        this.sql = sql;
    }

    public void create(ProcessInstance pi, long now, String businessId) {
        sql.update(
                "INSERT INTO engine.process_instance (process_instance_key, process_definition_key, bpmn_process_id, version, "
                        + "state, parent_process_instance_key, parent_element_instance_key, root_process_instance_key, tenant_id, "
                        + "start_time, tags, business_id) VALUES (?,?,?,?,'ACTIVE',?,?,?,?,?,?,?)",
                pi.key(),
                pi.processDefinitionKey(),
                pi.bpmnProcessId(),
                pi.version(),
                pi.parentProcessInstanceKey(),
                pi.parentElementInstanceKey(),
                pi.rootProcessInstanceKey(),
                pi.tenantId(),
                now,
                pi.tagsJson(),
                businessId);
        loaded.put(pi.key(), pi);
    }

    public void end(long key, String state, long now) {
        sql.update(
                "UPDATE engine.process_instance SET state = ?, end_time = ? WHERE process_instance_key = ?",
                state,
                now,
                key);
    }

    /** The correlation key of the message that started the instance: no second instance starts for it meanwhile. */
    public void setStartCorrelationKey(long key, String correlationKey) {
        sql.update(
                "UPDATE engine.process_instance SET start_correlation_key = ? WHERE process_instance_key = ?",
                correlationKey,
                key);
    }

    /** Whether an active instance of the process was started by a message with this correlation key. */
    public boolean activeStartedBy(String bpmnProcessId, String correlationKey) {
        return sql.count(
                        "SELECT count(*) FROM engine.process_instance WHERE "
                                + "bpmn_process_id = ? AND start_correlation_key = ? AND state = 'ACTIVE'",
                        bpmnProcessId,
                        correlationKey)
                > 0;
    }

    public Optional<ProcessInstance> find(long key) {
        ProcessInstance cached = loaded.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ProcessInstance> row = sql.one(
                "SELECT " + COLUMNS + " FROM engine.process_instance WHERE process_instance_key = ?",
                ProcessInstanceState::map,
                key);
        row.ifPresent(pi -> loaded.put(key, pi));
        return row;
    }

    public ProcessInstance get(long key) {
        return find(key).orElseThrow(() -> new IllegalStateException("no process instance " + key));
    }

    /** The active instance a call activity started, if any. */
    public Optional<Long> activeChildOf(long callActivityInstanceKey) {
        return sql.one(
                "SELECT process_instance_key FROM engine.process_instance WHERE parent_element_instance_key = ? "
                        + "AND state = 'ACTIVE'",
                rs -> rs.getLong(1),
                callActivityInstanceKey);
    }

    static ProcessInstance map(ResultSet rs) throws SQLException {
        return new ProcessInstance(
                rs.getLong("process_instance_key"),
                rs.getLong("process_definition_key"),
                rs.getString("bpmn_process_id"),
                rs.getInt("version"),
                SqlSession.nullableLong(rs, "parent_process_instance_key"),
                SqlSession.nullableLong(rs, "parent_element_instance_key"),
                rs.getLong("root_process_instance_key"),
                rs.getString("tenant_id"),
                rs.getString("tags"));
    }
}
