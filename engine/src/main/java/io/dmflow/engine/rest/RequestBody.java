package io.dmflow.engine.rest;

import io.dmflow.engine.rejection.EngineRejection;
import java.util.List;
import java.util.Map;

/**
 * A JSON request body read leniently: unknown fields are ignored so that newer clients keep
 * working; wrong types are 400 INVALID_ARGUMENT.
 */
final class RequestBody {
    private final Map<String, Object> fields;

    RequestBody(Map<String, Object> fields) {
        this.fields = fields == null ? Map.of() : fields;
    }

    boolean has(String name) {
        return fields.get(name) != null;
    }

    String string(String name) {
        Object value = fields.get(name);
        if (value == null) return null;
        if (value instanceof String s) return s;
        if (value instanceof Number || value instanceof Boolean) return value.toString();
        throw invalid(name, "a string");
    }

    String requiredString(String name) {
        String value = string(name);
        if (value == null || value.isEmpty()) {
            throw EngineRejection.invalidArgument("No " + name + " provided.");
        }
        return value;
    }

    Long longValue(String name) {
        Object value = fields.get(name);
        if (value == null) return null;
        if (value instanceof Number n) return n.longValue();
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw invalid(name, "a number");
            }
        }
        throw invalid(name, "a number");
    }

    Integer intValue(String name) {
        Long value = longValue(name);
        return value == null ? null : value.intValue();
    }

    boolean bool(String name) {
        Object value = fields.get(name);
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String name) {
        Object value = fields.get(name);
        if (value == null) return null;
        if (value instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw invalid(name, "an object");
    }

    @SuppressWarnings("unchecked")
    List<String> strings(String name) {
        Object value = fields.get(name);
        if (value == null) return null;
        if (value instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        throw invalid(name, "an array");
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String name) {
        Object value = fields.get(name);
        if (value == null) return null;
        if (value instanceof List<?> l) return (List<Object>) l;
        throw invalid(name, "an array");
    }

    static long key(String text, String what) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw EngineRejection.invalidArgument("Expected " + what + " to be a numeric key, but was '" + text + "'");
        }
    }

    private static EngineRejection invalid(String name, String expected) {
        return EngineRejection.invalidArgument("Expected '" + name + "' to be " + expected);
    }
}
