package io.dmflow.api.operation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dmflow.api.problem.JsonBody;
import io.dmflow.api.problem.ProblemException;
import io.dmflow.lwm2m.operation.NotificationAttributes;
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

    static OperationRequest parse(ObjectMapper json, DeviceOperation operation, String text) {
        JsonBody body = JsonBody.parse(json, text, title(operation), fields(operation), true);
        Map<String, String> properties = new TreeMap<>();
        for (String field : body.fields()) {
            if (field.equals(VALUES)) {
                body.scalars(VALUES, false)
                        .forEach((resource, value) -> properties.put(VALUES + "." + resource, value));
            } else if (!field.equals(PRIORITY)) {
                body.scalar(field).ifPresent(value -> properties.put(field, value));
            }
        }
        int priority = body.wholeNumber(PRIORITY, 0, Integer.MAX_VALUE).orElse(DEFAULT_PRIORITY);
        for (String field : operation.required()) {
            if (properties.getOrDefault(field, "").isBlank()) {
                throw invalid(operation, operation.operationName() + " needs " + field, field);
            }
        }
        check(operation, properties);
        return new OperationRequest(properties, priority);
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
        return ProblemException.badRequest(title(operation), detail, field);
    }

    private static String title(DeviceOperation operation) {
        return "Invalid " + operation.operationName() + " operation";
    }
}
