package io.dmflow.api.execution;

import java.time.Instant;
import java.util.List;

/**
 * An execution as the API shows it; {@code activeElements} (the BPMN elements its flow is at now) and
 * {@code history} are filled only for a single execution.
 */
public record ExecutionView(
        String id,
        String taskId,
        String endpoint,
        String status,
        int priority,
        boolean blocking,
        boolean executeImmediately,
        String processId,
        Long processInstanceKey,
        String result,
        String details,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt,
        Instant updatedAt,
        List<ActiveElement> activeElements,
        List<StatusChange> history) {

    public record ActiveElement(String elementId, String elementName, String type, boolean incident) {}

    public record StatusChange(String status, Instant at, String note) {}

    public static ExecutionView of(Execution execution, List<ActiveElement> active, List<StatusChange> history) {
        return new ExecutionView(
                execution.id,
                execution.taskId,
                execution.endpoint,
                execution.status.name(),
                execution.priority,
                execution.blocking,
                execution.executeImmediately,
                execution.processId,
                execution.processInstanceKey,
                execution.result,
                execution.details,
                execution.createdAt,
                execution.startedAt,
                execution.endedAt,
                execution.updatedAt,
                active,
                history);
    }
}
