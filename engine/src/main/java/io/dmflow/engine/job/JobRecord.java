package io.dmflow.engine.job;

/** A job row as commands need it. */
public record JobRecord(
        long key,
        String type,
        JobState state,
        int retries,
        Long deadline,
        String worker,
        long elementInstanceKey,
        String elementId,
        long processInstanceKey,
        long rootProcessInstanceKey,
        long processDefinitionKey,
        String bpmnProcessId,
        int processDefinitionVersion,
        String customHeaders,
        String errorMessage,
        String tenantId,
        long[] scopePath,
        String tags) {}
