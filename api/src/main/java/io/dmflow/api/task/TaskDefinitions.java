package io.dmflow.api.task;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a task asks for, kept from its first start on: a task's kind, definition, name and properties are set when it
 * is submitted and never change (its state does, but a start does not read it), so the executions of a group task
 * need not each load the task's row, properties parsed from JSON and entity managed by the session included.
 */
@ApplicationScoped
public class TaskDefinitions {

    /** Enough for the tasks running at once on a large fleet; an evicted task is simply read again. */
    private static final int KEPT = 4096;

    /** What a start needs of a task. */
    public record Definition(
            String id, Task.Kind kind, String definition, String name, Map<String, String> properties) {}

    private final Map<String, Definition> kept = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Definition> eldest) {
            return size() > KEPT;
        }
    };

    /** The task's definition; reads it in the caller's transaction when it is not kept yet. */
    public Definition of(String taskId) {
        synchronized (kept) {
            Definition known = kept.get(taskId);
            if (known != null) {
                return known;
            }
        }
        Task task = Task.findById(taskId);
        if (task == null) {
            throw new IllegalStateException("no task " + taskId);
        }
        Definition read = new Definition(
                task.id,
                task.kind,
                task.definition,
                task.name,
                Collections.unmodifiableMap(new TreeMap<>(task.properties)));
        synchronized (kept) {
            kept.put(taskId, read);
        }
        return read;
    }
}
