package io.dmflow.workers.store;

import io.dmflow.contract.ExecutionStatus;

/** Status, result and details of an execution, as its flow reports them. */
public interface ExecutionReports {

    void report(String executionId, ExecutionStatus status, String result, String details);
}
