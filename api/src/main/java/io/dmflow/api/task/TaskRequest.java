package io.dmflow.api.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dmflow.api.problem.JsonBody;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A task as submitted, checked field by field so that every mistake is answered with the field's name:
 * exactly one of {@code type}, {@code template}, {@code process}; a {@code target} with exactly one of
 * {@code device}, {@code group}; string {@code properties}; a {@code priority} from 0 to {@link #MAX_PRIORITY}.
 */
public record TaskRequest(
        Task.Kind kind,
        String definition,
        String name,
        String device,
        String group,
        Map<String, String> properties,
        int priority,
        boolean blocking,
        Boolean executeImmediately) {

    public static final int DEFAULT_PRIORITY = 10;
    public static final int MAX_PRIORITY = 1000;

    private static final Set<String> FIELDS = Set.of(
            "type",
            "template",
            "process",
            "name",
            "target",
            "properties",
            "priority",
            "blocking",
            "executeImmediately");

    private static final Map<String, Task.Kind> KINDS =
            Map.of("type", Task.Kind.TYPE, "template", Task.Kind.TEMPLATE, "process", Task.Kind.PROCESS);

    private static final int MAX_TEXT = 512;

    public static TaskRequest parse(ObjectMapper json, String text) {
        JsonBody body = JsonBody.parse(json, text, "Invalid task", FIELDS);
        Task.Kind kind = null;
        String definition = null;
        for (Map.Entry<String, Task.Kind> choice : KINDS.entrySet()) {
            if (body.has(choice.getKey())) {
                if (kind != null) {
                    throw body.invalid("give exactly one of type, template and process", choice.getKey());
                }
                kind = choice.getValue();
                definition = body.requiredText(choice.getKey(), MAX_TEXT);
            }
        }
        if (kind == null) {
            throw body.invalid("a task needs one of type (a built-in task), template or process", "type");
        }
        JsonBody target = body.object("target", Set.of("device", "group"))
                .orElseThrow(() ->
                        body.invalid("a task needs a target: {\"device\": endpoint} or {\"group\": path}", "target"));
        if (target.has("device") == target.has("group")) {
            throw body.invalid("target needs exactly one of device and group", "target");
        }
        return new TaskRequest(
                kind,
                definition,
                body.text("name", MAX_TEXT).orElse(definition),
                target.text("device", MAX_TEXT).orElse(null),
                target.text("group", MAX_TEXT).orElse(null),
                new TreeMap<>(body.scalars("properties", true)),
                body.wholeNumber("priority", 0, MAX_PRIORITY).orElse(DEFAULT_PRIORITY),
                body.bool("blocking").orElse(false),
                body.bool("executeImmediately").orElse(null));
    }
}
