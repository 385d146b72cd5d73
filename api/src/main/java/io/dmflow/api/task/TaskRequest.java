package io.dmflow.api.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.dmflow.api.problem.ProblemException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A task as submitted, checked field by field so that every mistake is answered with the field's name:
 * exactly one of {@code type}, {@code template}, {@code process}; a {@code target} with exactly one of
 * {@code device}, {@code group}; string {@code properties}; a {@code priority} of 0 or more.
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

    public static TaskRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("the body must be a JSON object describing the task", "body");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw invalid(
                        "unknown field '" + field + "'; a task has "
                                + new TreeMap<>(Map.of(
                                                "type",
                                                "",
                                                "template",
                                                "",
                                                "process",
                                                "",
                                                "name",
                                                "",
                                                "target",
                                                "",
                                                "properties",
                                                "",
                                                "priority",
                                                "",
                                                "blocking",
                                                "",
                                                "executeImmediately",
                                                ""))
                                        .keySet(),
                        field);
            }
        }
        Task.Kind kind = null;
        String definition = null;
        for (Map.Entry<String, Task.Kind> choice : Map.of(
                        "type", Task.Kind.TYPE, "template", Task.Kind.TEMPLATE, "process", Task.Kind.PROCESS)
                .entrySet()) {
            if (body.has(choice.getKey()) && !body.get(choice.getKey()).isNull()) {
                if (kind != null) {
                    throw invalid("give exactly one of type, template and process", choice.getKey());
                }
                kind = choice.getValue();
                definition = text(body, choice.getKey());
            }
        }
        if (kind == null) {
            throw invalid("a task needs one of type (a built-in task), template or process", "type");
        }
        JsonNode target = body.get("target");
        if (target == null || target.isNull()) {
            throw invalid("a task needs a target: {\"device\": endpoint} or {\"group\": path}", "target");
        }
        if (!target.isObject()) {
            throw invalid("target must be an object: {\"device\": endpoint} or {\"group\": path}", "target");
        }
        for (Iterator<String> names = target.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!field.equals("device") && !field.equals("group")) {
                throw invalid("unknown field '" + field + "' in target; give device or group", "target." + field);
            }
        }
        boolean hasDevice = target.hasNonNull("device");
        boolean hasGroup = target.hasNonNull("group");
        if (hasDevice == hasGroup) {
            throw invalid("target needs exactly one of device and group", "target");
        }
        String device = hasDevice ? text(target, "device", "target.device") : null;
        String group = hasGroup ? text(target, "group", "target.group") : null;
        Map<String, String> properties = new TreeMap<>();
        JsonNode props = body.get("properties");
        if (props != null && !props.isNull()) {
            if (!props.isObject()) {
                throw invalid("properties must be an object of strings", "properties");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = props.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getValue().isTextual()) {
                    throw invalid(
                            "properties." + field.getKey() + " must be a string, not " + kindOf(field.getValue())
                                    + "; task properties are strings, as the task attributes are",
                            "properties." + field.getKey());
                }
                properties.put(field.getKey(), field.getValue().textValue());
            }
        }
        int priority = DEFAULT_PRIORITY;
        JsonNode priorityNode = body.get("priority");
        if (priorityNode != null && !priorityNode.isNull()) {
            if (!priorityNode.isIntegralNumber() || !priorityNode.canConvertToInt()) {
                throw invalid("priority must be a whole number, not " + kindOf(priorityNode), "priority");
            }
            priority = priorityNode.intValue();
            if (priority < 0 || priority > MAX_PRIORITY) {
                throw invalid(
                        "priority must be between 0 (first) and " + MAX_PRIORITY + ", was " + priority, "priority");
            }
        }
        String name = body.hasNonNull("name") ? text(body, "name") : definition;
        return new TaskRequest(
                kind,
                definition,
                name,
                device,
                group,
                properties,
                priority,
                bool(body, "blocking").orElse(false),
                bool(body, "executeImmediately").orElse(null));
    }

    private static java.util.Optional<Boolean> bool(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return java.util.Optional.empty();
        }
        if (!node.isBoolean()) {
            throw invalid(field + " must be true or false, not " + kindOf(node), field);
        }
        return java.util.Optional.of(node.booleanValue());
    }

    private static String text(JsonNode body, String field) {
        return text(body, field, field);
    }

    private static String text(JsonNode body, String field, String path) {
        JsonNode node = body.get(field);
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw invalid(path + " must be a non-empty string, not " + kindOf(node), path);
        }
        if (node.textValue().length() > 512) {
            throw invalid(path + " is longer than 512 characters", path);
        }
        return node.textValue();
    }

    private static String kindOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case NUMBER -> "a number (" + node + ")";
            case BOOLEAN -> "a boolean (" + node + ")";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
            case STRING -> "an empty string";
            default -> node.getNodeType().toString().toLowerCase();
        };
    }

    private static ProblemException invalid(String detail, String field) {
        return ProblemException.badRequest("Invalid task", detail, field);
    }
}
