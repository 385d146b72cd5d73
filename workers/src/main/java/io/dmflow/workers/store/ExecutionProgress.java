package io.dmflow.workers.store;

/** What workers tell the scheduler about executions while their jobs run. */
public interface ExecutionProgress {

    /** A job of the execution is being worked on: it is no longer waiting for its device. */
    void working(String executionId);

    /** A device step failed to reach the device; the flow now waits for the device's next contact. */
    void waitingForDevice(String executionId, String endpoint, String reason);
}
