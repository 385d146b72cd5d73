package io.dmflow.api.operation;

import com.fasterxml.jackson.databind.JsonNode;
import io.dmflow.api.problem.ProblemException;
import io.dmflow.lwm2m.operation.NotificationAttributes;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The body of an interactive operation, checked field by field: the operation's fields and nothing else, each a
 * string, number or boolean (kept as its text, as task properties are), {@code values} of a create an object of
 * such values, and {@code priority} a whole number of 0 or more.
 */
record OperationRequest(Map<String, String> properties, int priority) {

    static final String VALUES = "values";
    static final String PRIORITY = "priority";
    /** Interactive operations go before the device's queued work unless told otherwise. */
    static final int DEFAULT_PRIORITY = 0;

    private static final Set<String> ENUMERATED = Set.of("mode", "cancelType");

    static OperationRequest parse(DeviceOperation operation, JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!body.isObject()) {
            throw invalid(operation, "the body must be a JSON object with the fields " + fields(operation), "body");
        }
        Map<String, String> properties = new TreeMap<>();
        int priority = DEFAULT_PRIORITY;
        for (Iterator<Map.Entry<String, JsonNode>> entries = body.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String field = entry.getKey();
            JsonNode value = entry.getValue();
            if (field.equals(PRIORITY)) {
                if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0) {
                    throw invalid(operation, "priority must be a whole number of 0 or more", PRIORITY);
                }
                priority = value.intValue();
            } else if (!fields(operation).contains(field)) {
                throw invalid(
                        operation,
                        "unknown field '" + field + "'; " + operation.operationName() + " takes " + fields(operation),
                        field);
            } else if (field.equals(VALUES)) {
                values(operation, value, properties);
            } else if (!value.isNull()) {
                properties.put(field, scalar(operation, field, value));
            }
        }
        for (String field : operation.required()) {
            if (properties.getOrDefault(field, "").isBlank()) {
                throw invalid(operation, operation.operationName() + " needs " + field, field);
            }
        }
        check(operation, properties);
        return new OperationRequest(properties, priority);
    }

    private static void values(DeviceOperation operation, JsonNode value, Map<String, String> properties) {
        if (!value.isObject()) {
            throw invalid(operation, "values must be an object of resource (id or name) to value", VALUES);
        }
        value.fields()
                .forEachRemaining(resource -> properties.put(
                        VALUES + "." + resource.getKey(),
                        scalar(operation, VALUES + "." + resource.getKey(), resource.getValue())));
    }

    private static String scalar(DeviceOperation operation, String field, JsonNode value) {
        if (!value.isValueNode() || value.isNull()) {
            throw invalid(
                    operation,
                    field + " must be a string, number or boolean, not "
                            + value.getNodeType().toString().toLowerCase(),
                    field);
        }
        return value.asText();
    }

    private static void check(DeviceOperation operation, Map<String, String> properties) {
        properties.forEach((field, value) -> {
            if (operation == DeviceOperation.WRITE_ATTRIBUTES && NotificationAttributes.NAMES.contains(field)) {
                NotificationAttributes.problem(field, value).ifPresent(problem -> {
                    throw invalid(operation, problem, field);
                });
            }
            if (ENUMERATED.contains(field)) {
                Set<String> allowed = field.equals("mode") ? Set.of("replace", "update") : Set.of("immediate", "lazy");
                if (!allowed.contains(value.trim().toLowerCase())) {
                    throw invalid(
                            operation, field + " must be one of " + new TreeSet<>(allowed) + ", not " + value, field);
                }
            }
        });
        if (operation == DeviceOperation.WRITE_ATTRIBUTES
                && properties.keySet().stream().noneMatch(NotificationAttributes.NAMES::contains)) {
            throw invalid(
                    operation,
                    "write-attributes needs at least one of " + new TreeSet<>(NotificationAttributes.NAMES),
                    "body");
        }
    }

    private static Set<String> fields(DeviceOperation operation) {
        Set<String> fields = new TreeSet<>(operation.required());
        fields.addAll(operation.optional());
        fields.add(PRIORITY);
        return fields;
    }

    private static ProblemException invalid(DeviceOperation operation, String detail, String field) {
        return ProblemException.badRequest("Invalid " + operation.operationName() + " operation", detail, field);
    }
}
