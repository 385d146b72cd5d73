package io.dmflow.engine.incident;

import io.dmflow.engine.state.SqlSession;
import java.util.Optional;

/** Incident rows of one transaction. */
public final class IncidentStore {
    /** What resolving the incident re-runs. */
    public enum RetryStep {
        ACTIVATE,
        COMPLETE,
        JOB
    }

    public record Incident(
            long key,
            String errorType,
            String state,
            long elementInstanceKey,
            long processInstanceKey,
            long rootProcessInstanceKey,
            Long jobKey,
            RetryStep retryStep) {}

    private final SqlSession sql;

    public IncidentStore(SqlSession sql) {
        this.sql = sql;
    }

    public void create(
            long key,
            String errorType,
            String errorMessage,
            long elementInstanceKey,
            String elementId,
            long processInstanceKey,
            long rootKey,
            long processDefinitionKey,
            String bpmnProcessId,
            Long jobKey,
            RetryStep retryStep,
            String tenantId,
            long now) {
        sql.update(
                "INSERT INTO engine.incident (incident_key, error_type, error_message, state, element_instance_key, element_id, "
                        + "process_instance_key, root_process_instance_key, process_definition_key, bpmn_process_id, job_key, "
                        + "retry_step, tenant_id, creation_time) VALUES (?,?,?,'ACTIVE',?,?,?,?,?,?,?,?,?,?)",
                key,
                errorType,
                errorMessage,
                elementInstanceKey,
                elementId,
                processInstanceKey,
                rootKey,
                processDefinitionKey,
                bpmnProcessId,
                jobKey,
                retryStep.name(),
                tenantId,
                now);
    }

    public Optional<Incident> find(long key) {
        return sql.one(
                "SELECT incident_key, error_type, state, element_instance_key, process_instance_key, "
                        + "root_process_instance_key, job_key, retry_step FROM engine.incident WHERE incident_key = ?",
                rs -> new Incident(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        SqlSession.nullableLong(rs, "job_key"),
                        RetryStep.valueOf(rs.getString(8))),
                key);
    }

    public void resolve(long key) {
        sql.update("UPDATE engine.incident SET state = 'RESOLVED' WHERE incident_key = ?", key);
    }

    /** Terminating an element resolves its open incidents: nothing is left to retry. */
    public void resolveFor(long elementInstanceKey) {
        sql.update(
                "UPDATE engine.incident SET state = 'RESOLVED' WHERE element_instance_key = ? AND state = 'ACTIVE'",
                elementInstanceKey);
    }
}
