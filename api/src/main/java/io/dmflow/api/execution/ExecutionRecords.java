package io.dmflow.api.execution;

import io.dmflow.api.database.GroupCommit;
import io.dmflow.api.database.Sql;
import io.dmflow.contract.ExecutionStatus;
import io.dmflow.workers.contact.AwaitedDevices;
import io.dmflow.workers.store.DeviceHolds;
import io.dmflow.workers.store.ExecutionLog;
import io.dmflow.workers.store.ExecutionProgress;
import io.dmflow.workers.store.ExecutionReports;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/** What flows and workers report about executions, kept in PostgreSQL; changes wake the scheduler. */
@ApplicationScoped
public class ExecutionRecords
        implements ExecutionProgress, ExecutionReports, ExecutionLog, AwaitedDevices, DeviceHolds {

    @Inject
    ExecutionHistory history;

    @Inject
    Event<SchedulingRequest> scheduling;

    @Inject
    Sql sql;

    private GroupCommit<String> resumptions;

    @PostConstruct
    void open() {
        resumptions = new GroupCommit<>("dmflow-resumptions", this::resume);
    }

    @PreDestroy
    void close() {
        resumptions.close();
    }

    /**
     * Runs before every job a worker takes, so the jobs the workers take at once share one statement (a
     * {@link GroupCommit}); it returns once that is committed, before the job's device operation starts. It changes
     * something only when the execution was waiting, and then records the change with it.
     */
    @Override
    public void working(String executionId) {
        try {
            resumptions.submit(executionId).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void resume(List<String> executionIds) {
        sql.update("""
                WITH resumed AS (
                    UPDATE dmflow.execution SET status = 'IN_PROGRESS', updated_at = now()
                    WHERE id = ANY(?) AND status = 'WAITING_FOR_DEVICE' RETURNING id, updated_at)
                INSERT INTO dmflow.execution_event (execution_id, status, at, note)
                SELECT id, 'IN_PROGRESS', updated_at, 'resumed' FROM resumed""", (Object) executionIds.toArray(String[]::new));
    }

    @Override
    @Transactional
    public void waitingForDevice(String executionId, String endpoint, String reason) {
        Execution execution = Execution.findById(executionId);
        if (execution != null && execution.status == ExecutionStatus.IN_PROGRESS) {
            history.change(execution, ExecutionStatus.WAITING_FOR_DEVICE, reason);
            scheduling.fire(new SchedulingRequest(execution.endpoint, Trigger.WENT_WAITING));
        }
    }

    @Override
    @Transactional
    public void report(String executionId, ExecutionStatus status, String result, String details) {
        Execution execution = Execution.findById(executionId);
        if (execution == null || execution.status.isFinal()) {
            return;
        }
        if (result != null) {
            execution.result = result;
        }
        if (details != null) {
            execution.details = details;
        }
        execution.updatedAt = Instant.now();
        if (status != execution.status) {
            history.change(execution, status, details);
            if (status.isFinal()) {
                scheduling.fire(new SchedulingRequest(execution.endpoint, Trigger.ENDED));
            } else if (status == ExecutionStatus.WAITING_FOR_DEVICE) {
                scheduling.fire(new SchedulingRequest(execution.endpoint, Trigger.WENT_WAITING));
            }
        }
    }

    @Override
    @Transactional
    public void append(String executionId, long jobKey, String level, String message) {
        Execution.getEntityManager()
                .createNativeQuery("""
                INSERT INTO dmflow.execution_log (execution_id, at, level, message, job_key)
                SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM dmflow.execution WHERE id = ?1)
                ON CONFLICT (job_key) DO NOTHING""")
                .setParameter(1, executionId)
                .setParameter(2, Instant.now())
                .setParameter(3, level)
                .setParameter(4, message)
                .setParameter(5, jobKey)
                .executeUpdate();
    }

    /** One statement outside JTA: it is asked at every contact of every device. */
    @Override
    public boolean isAwaited(String endpoint) {
        return sql.first(
                        "SELECT 1 FROM dmflow.execution WHERE endpoint = ? "
                                + "AND status IN ('IN_PROGRESS', 'WAITING_FOR_DEVICE') LIMIT 1",
                        row -> true,
                        endpoint)
                .isPresent();
    }

    @Override
    public Optional<String> deviceOf(String executionId) {
        return sql.first("SELECT endpoint FROM dmflow.execution WHERE id = ?", row -> row.getString(1), executionId);
    }

    /** One statement: the scheduler reads the flag when the execution waits for its device. */
    @Override
    public void hold(String executionId) {
        sql.update("UPDATE dmflow.execution SET blocking = true WHERE id = ?", executionId);
    }

    /** Back to the task's own flag: a blocking task's executions hold their device to the end. */
    @Override
    public void release(String executionId) {
        sql.update("""
                UPDATE dmflow.execution e SET blocking = t.blocking FROM dmflow.task t
                WHERE e.id = ? AND t.id = e.task_id""", executionId);
    }
}
