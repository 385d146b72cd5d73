package io.dmflow.api.execution;

import io.dmflow.contract.ExecutionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;

/** Changes an execution's status and records the change, in the caller's transaction. */
@ApplicationScoped
public class ExecutionHistory {

    @Inject
    Event<ExecutionEnded> endings;

    public void change(Execution execution, ExecutionStatus status, String note) {
        Instant now = Instant.now();
        execution.status = status;
        execution.updatedAt = now;
        if (status == ExecutionStatus.IN_PROGRESS && execution.startedAt == null) {
            execution.startedAt = now;
        }
        if (status.isFinal()) {
            execution.endedAt = now;
            endings.fire(new ExecutionEnded(execution.id, status));
        }
        record(execution.id, status, now, note);
    }

    public void record(String executionId, ExecutionStatus status, Instant at, String note) {
        ExecutionEvent event = new ExecutionEvent();
        event.executionId = executionId;
        event.status = status;
        event.at = at;
        event.note = note;
        event.persist();
    }
}
