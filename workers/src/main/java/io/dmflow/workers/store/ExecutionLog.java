package io.dmflow.workers.store;

/** The log of one execution, as its flow writes it. */
public interface ExecutionLog {

    /** Appends a line; the same {@code jobKey} appends it once, however often the job is delivered. */
    void append(String executionId, long jobKey, String level, String message);
}
