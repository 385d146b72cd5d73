package io.dmflow.engine.job;

import io.dmflow.engine.state.SqlSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Job rows of one transaction. */
public final class JobStore {
    static final String COLUMNS = "job_key, type, state, retries, deadline, worker, element_instance_key, element_id, "
            + "process_instance_key, root_process_instance_key, process_definition_key, bpmn_process_id, "
            + "process_definition_version, custom_headers, error_message, tenant_id, scope_path, tags";
    private final SqlSession sql;

    public JobStore(SqlSession sql) {
        this.sql = sql;
    }

    public void create(JobRecord job, long now) {
        sql.update(
                "INSERT INTO engine.job (job_key, type, state, last_event, retries, custom_headers, element_instance_key, "
                        + "element_id, scope_path, process_instance_key, root_process_instance_key, process_definition_key, "
                        + "bpmn_process_id, process_definition_version, kind, listener_event_type, tenant_id, tags, creation_time, "
                        + "last_update_time) VALUES (?,?,'ACTIVATABLE','CREATED',?,?,?,?,?,?,?,?,?,?,'BPMN_ELEMENT','UNSPECIFIED',?,?,?,?)",
                job.key(),
                job.type(),
                job.retries(),
                job.customHeaders(),
                job.elementInstanceKey(),
                job.elementId(),
                job.scopePath(),
                job.processInstanceKey(),
                job.rootProcessInstanceKey(),
                job.processDefinitionKey(),
                job.bpmnProcessId(),
                job.processDefinitionVersion(),
                job.tenantId(),
                job.tags(),
                now,
                now);
    }

    public Optional<JobRecord> find(long key) {
        return sql.one("SELECT " + COLUMNS + " FROM engine.job WHERE job_key = ?", JobStore::map, key);
    }

    /**
     * Takes the instance tree's lock, then the row's, in one round trip; FOR UPDATE returns the row
     * as the last committed change left it, even if that happened while waiting for the locks.
     */
    public Optional<JobRecord> findLockingTree(long key) {
        return sql.one(
                "SELECT " + COLUMNS
                        + " FROM engine.job, LATERAL (SELECT pg_advisory_xact_lock(root_process_instance_key)) l "
                        + "WHERE job_key = ? FOR UPDATE OF job",
                JobStore::map,
                key);
    }

    /** Moves the job on; lastEvent is what the job search shows as its state. */
    public void transition(long key, JobState state, String lastEvent, long now) {
        boolean ended = state == JobState.COMPLETED || state == JobState.CANCELED;
        sql.update(
                "UPDATE engine.job SET state = ?, last_event = ?, last_update_time = ?, end_time = ?, "
                        + "deadline = CASE WHEN ? = 'ACTIVATED' THEN deadline ELSE NULL END WHERE job_key = ?",
                state.name(),
                lastEvent,
                now,
                ended ? now : null,
                state.name(),
                key);
    }

    public void fail(long key, int retries, String errorMessage, Long backoffUntil, long now) {
        sql.update(
                "UPDATE engine.job SET state = ?, last_event = 'FAILED', retries = ?, error_message = ?, backoff_until = ?, "
                        + "deadline = NULL, last_update_time = ? WHERE job_key = ?",
                retries > 0 && backoffUntil == null ? "ACTIVATABLE" : "FAILED",
                retries,
                errorMessage,
                backoffUntil,
                now,
                key);
    }

    public void errorThrown(long key, String errorCode, String errorMessage, long now) {
        sql.update(
                "UPDATE engine.job SET state = 'ERROR_THROWN', last_event = 'ERROR_THROWN', error_code = ?, error_message = ?, "
                        + "deadline = NULL, last_update_time = ? WHERE job_key = ?",
                errorCode,
                errorMessage,
                now,
                key);
    }

    public void updateRetries(long key, int retries, long now) {
        sql.update(
                "UPDATE engine.job SET retries = ?, last_event = 'RETRIES_UPDATED', last_update_time = ? WHERE job_key = ?",
                retries,
                now,
                key);
    }

    public void updateDeadline(long key, long deadline, long now) {
        sql.update("UPDATE engine.job SET deadline = ?, last_update_time = ? WHERE job_key = ?", deadline, now, key);
    }

    public void makeActivatable(long key, long now) {
        sql.update(
                "UPDATE engine.job SET state = 'ACTIVATABLE', backoff_until = NULL, deadline = NULL, last_update_time = ? "
                        + "WHERE job_key = ?",
                now,
                key);
    }

    /** Cancels the open jobs of a terminated element; returns nothing, the jobs just vanish for workers. */
    /**
     * Jobs whose activation timed out, and failed jobs whose retry back-off is over, become
     * activatable again; answers the job types, so that waiting workers hear of them.
     */
    public List<String> reactivateDue(long now) {
        return sql.list(
                "UPDATE engine.job SET state = 'ACTIVATABLE', last_event = CASE WHEN state = 'ACTIVATED' THEN 'TIMED_OUT' "
                        + "ELSE last_event END, deadline = NULL, backoff_until = NULL, last_update_time = ? WHERE job_key IN "
                        + "(SELECT job_key FROM engine.job WHERE state = 'ACTIVATED' AND deadline < ? UNION ALL SELECT job_key FROM engine.job "
                        + "WHERE state = 'FAILED' AND backoff_until <= ? AND retries > 0) RETURNING type",
                rs -> rs.getString(1),
                now,
                now,
                now);
    }

    public void cancelFor(long elementInstanceKey, long now) {
        sql.update(
                "UPDATE engine.job SET state = 'CANCELED', last_event = 'CANCELED', deadline = NULL, end_time = ?, "
                        + "last_update_time = ? WHERE element_instance_key = ? AND state IN ('ACTIVATABLE', 'ACTIVATED', 'FAILED')",
                now,
                now,
                elementInstanceKey);
    }

    static JobRecord map(ResultSet rs) throws SQLException {
        return new JobRecord(
                rs.getLong("job_key"),
                rs.getString("type"),
                JobState.valueOf(rs.getString("state")),
                rs.getInt("retries"),
                SqlSession.nullableLong(rs, "deadline"),
                rs.getString("worker"),
                rs.getLong("element_instance_key"),
                rs.getString("element_id"),
                rs.getLong("process_instance_key"),
                rs.getLong("root_process_instance_key"),
                rs.getLong("process_definition_key"),
                rs.getString("bpmn_process_id"),
                rs.getInt("process_definition_version"),
                rs.getString("custom_headers"),
                rs.getString("error_message"),
                rs.getString("tenant_id"),
                SqlSession.longs(rs, "scope_path"),
                rs.getString("tags"));
    }
}
