package io.dmflow.contract;

/** Statuses of an execution. Flows report the final ones through {@code dm.execution.update}. */
public enum ExecutionStatus {
    QUEUED,
    IN_PROGRESS,
    WAITING_FOR_DEVICE,
    SUCCESS,
    WARNING,
    ERROR,
    CANCELLED;

    public boolean isFinal() {
        return this == SUCCESS || this == WARNING || this == ERROR || this == CANCELLED;
    }
}
