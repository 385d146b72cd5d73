package io.dmflow.api.execution;

import io.dmflow.contract.ExecutionStatus;

/** An execution reached a final status (fired in the transaction that records it). */
public record ExecutionEnded(String executionId, ExecutionStatus status) {}
