package io.dmflow.api.execution;

/**
 * Asks the scheduler to look at a device once the current transaction has committed (or at once, outside
 * one): fire it as a CDI event where executions change.
 */
public record SchedulingRequest(String endpoint, Trigger trigger) {}
