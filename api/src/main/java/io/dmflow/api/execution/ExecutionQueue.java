package io.dmflow.api.execution;

import io.dmflow.api.database.Sql;
import io.dmflow.contract.ExecutionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * The per-device rules of what runs next, decided under a lock on the device so that two decisions for
 * one device never interleave (across threads and across dmflow processes sharing the database).
 */
@ApplicationScoped
public class ExecutionQueue {

    @Inject
    ExecutionHistory history;

    @Inject
    ProcessStarter starter;

    @Inject
    Event<SchedulingRequest> scheduling;

    @Inject
    Sql sql;

    /** What to do for a device now: which execution to start, if any. */
    public record Decision(Optional<String> start) {

        static final Decision NOTHING = new Decision(Optional.empty());
    }

    /**
     * Whether an execution of the device could start now: one is queued and none runs. One statement, without the
     * lock and outside a transaction, since most looks end here (a contact of a device with nothing queued, or whose
     * flow waits for it): what it rules out, a locked decision at the same instant would have ruled out too, and an
     * execution that ends or is queued after it kicks a look of its own.
     */
    public boolean mayStart(String endpoint) {
        List<String> open = sql.list(
                "SELECT status FROM dmflow.execution WHERE endpoint = ? AND status IN ('QUEUED', 'IN_PROGRESS')",
                row -> row.getString(1),
                endpoint);
        return open.contains(ExecutionStatus.QUEUED.name()) && !open.contains(ExecutionStatus.IN_PROGRESS.name());
    }

    /**
     * Decides for the device and resolves what the execution to start runs, in one transaction: a failure
     * leaves the execution queued as it was. One the device cannot run ends with ERROR at once.
     */
    @Transactional
    public Optional<ProcessStarter.Start> next(String endpoint, Trigger trigger) {
        Optional<String> executionId = decide(endpoint, trigger).start();
        if (executionId.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(starter.prepare(executionId.get()));
        } catch (ProcessStarter.Unstartable e) {
            ended(executionId.get(), ExecutionStatus.ERROR, e.getMessage());
            scheduling.fire(new SchedulingRequest(endpoint, Trigger.ENDED));
            return Optional.empty();
        }
    }

    @Transactional
    public Decision decide(String endpoint, Trigger trigger) {
        lock(endpoint);
        List<Execution> open = openOn(endpoint);
        if (open.isEmpty() || open.stream().anyMatch(e -> e.status == ExecutionStatus.IN_PROGRESS)) {
            return Decision.NOTHING;
        }
        boolean reachable = trigger == Trigger.CONTACT || isOnline(endpoint);
        if (!reachable) {
            return Decision.NOTHING;
        }
        List<Execution> waiting = open.stream()
                .filter(e -> e.status == ExecutionStatus.WAITING_FOR_DEVICE)
                .toList();
        if (!waiting.isEmpty() && trigger == Trigger.CONTACT) {
            // The contact wakes the waiting executions (device.contact); they go first, and the queue moves on
            // when they end or wait again.
            return Decision.NOTHING;
        }
        if (waiting.stream().anyMatch(e -> e.blocking)) {
            return Decision.NOTHING;
        }
        Optional<Execution> next = open.stream()
                .filter(e -> e.status == ExecutionStatus.QUEUED)
                .filter(e -> e.executeImmediately || trigger != Trigger.SUBMITTED)
                .findFirst();
        if (next.isEmpty()) {
            return Decision.NOTHING;
        }
        history.change(
                next.get(),
                ExecutionStatus.IN_PROGRESS,
                "started (" + trigger.name().toLowerCase() + ")");
        return new Decision(Optional.of(next.get().id));
    }

    /**
     * The execution's process instance runs. One statement outside JTA, as it follows every start; only these
     * two columns, as the flow may already have reported a status of its own.
     */
    public void started(String executionId, String processId, long processInstanceKey) {
        sql.update(
                "UPDATE dmflow.execution SET process_id = ?, process_instance_key = ? WHERE id = ?",
                processId,
                processInstanceKey,
                executionId);
    }

    /** The execution could not be started: it ends with this status. */
    @Transactional
    public void ended(String executionId, ExecutionStatus status, String details) {
        Execution execution = Execution.findById(executionId);
        if (execution != null && !execution.status.isFinal()) {
            execution.details = details;
            history.change(execution, status, details);
        }
    }

    /** The engine could not be reached to start it: back in the queue, in its place. */
    @Transactional
    public void requeue(String executionId, String reason) {
        Execution execution = Execution.findById(executionId);
        if (execution != null
                && execution.status == ExecutionStatus.IN_PROGRESS
                && execution.processInstanceKey == null) {
            execution.startedAt = null;
            history.change(execution, ExecutionStatus.QUEUED, reason);
        }
    }

    /**
     * The device's open executions in the order they run. Native SQL: a query with a list parameter is translated
     * anew on every call, and this one runs for every decision. The native queries of a decision do not flush:
     * Hibernate would write out the whole session before each (a seventh of the scheduler's time), and a decision
     * queries before it changes anything.
     */
    @SuppressWarnings("unchecked")
    private static List<Execution> openOn(String endpoint) {
        return Execution.getEntityManager()
                .createNativeQuery("""
                SELECT * FROM dmflow.execution WHERE endpoint = ?1
                AND status IN ('QUEUED', 'IN_PROGRESS', 'WAITING_FOR_DEVICE') ORDER BY priority, queue_seq""", Execution.class)
                .setFlushMode(FlushModeType.COMMIT)
                .setParameter(1, endpoint)
                .getResultList();
    }

    private static boolean isOnline(String endpoint) {
        // The state alone: the device entity carries its object list, which a decision does not need.
        return !Execution.getEntityManager()
                .createNativeQuery("SELECT 1 FROM dmflow.device WHERE endpoint = ?1 AND state = 'ONLINE'")
                .setFlushMode(FlushModeType.COMMIT)
                .setParameter(1, endpoint)
                .getResultList()
                .isEmpty();
    }

    private static void lock(String endpoint) {
        Execution.getEntityManager()
                .createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))) AS locked")
                .setFlushMode(FlushModeType.COMMIT)
                .setParameter(1, "dmflow.device:" + endpoint)
                .getSingleResult();
    }
}
