package io.dmflow.api.task;

import java.time.Instant;
import java.util.Map;

/** A task as the API shows it. */
public record TaskView(
        String id,
        String type,
        String template,
        String process,
        String operation,
        String name,
        Target target,
        Map<String, String> properties,
        int priority,
        boolean blocking,
        Boolean executeImmediately,
        String state,
        Instant createdAt,
        Instant cancelledAt,
        String createdBy) {

    public record Target(String device, String group) {}

    public static TaskView of(Task task) {
        return new TaskView(
                task.id,
                task.kind == Task.Kind.TYPE ? task.definition : null,
                task.kind == Task.Kind.TEMPLATE ? task.definition : null,
                task.kind == Task.Kind.PROCESS ? task.definition : null,
                task.kind == Task.Kind.OPERATION ? task.definition : null,
                task.name,
                new Target(task.targetDevice, task.targetGroup),
                task.properties,
                task.priority,
                task.blocking,
                task.executeImmediately,
                task.state.name(),
                task.createdAt,
                task.cancelledAt,
                task.createdBy);
    }
}
