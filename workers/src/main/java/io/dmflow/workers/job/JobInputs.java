package io.dmflow.workers.job;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed access to one job's variables; every misfit is an {@link InvalidJobInput} naming the variable. */
public final class JobInputs {

    private final String jobType;
    private final Map<String, Object> variables;

    public JobInputs(String jobType, Map<String, Object> variables) {
        this.jobType = jobType;
        this.variables = variables;
    }

    public String jobType() {
        return jobType;
    }

    public String string(String name) {
        return optionalString(name).orElseThrow(() -> missing(name, "a string"));
    }

    /** A string, or a number or boolean in its string form: template variables are strings, FEEL may give numbers. */
    public Optional<String> optionalString(String name) {
        Object value = variables.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String text) {
            return Optional.of(text);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return Optional.of(value.toString());
        }
        throw wrongType(name, "a string", value);
    }

    /** A non-blank string. */
    public String text(String name) {
        String value = string(name);
        if (value.isBlank()) {
            throw new InvalidJobInput(jobType, name, "is empty");
        }
        return value;
    }

    public Optional<Long> optionalLong(String name) {
        Object value = variables.get(name);
        if (value == null || (value instanceof String text && text.isBlank())) {
            return Optional.empty();
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return Optional.of(number.longValue());
        }
        if (value instanceof String text) {
            try {
                return Optional.of(Long.parseLong(text.trim()));
            } catch (NumberFormatException e) {
                throw wrongType(name, "an integer", value);
            }
        }
        throw wrongType(name, "an integer", value);
    }

    public Optional<Boolean> optionalBoolean(String name) {
        Object value = variables.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean flag) {
            return Optional.of(flag);
        }
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Optional.of(Boolean.parseBoolean(text));
        }
        throw wrongType(name, "a boolean", value);
    }

    /** Any value, as the engine gave it (string, number, boolean, list, map). */
    public Object value(String name) {
        if (!variables.containsKey(name) || variables.get(name) == null) {
            throw missing(name, "a value");
        }
        return variables.get(name);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        Object value = value(name);
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw wrongType(name, "an object", value);
    }

    public Optional<Map<String, Object>> optionalMap(String name) {
        return variables.get(name) == null ? Optional.empty() : Optional.of(map(name));
    }

    /** A list of objects, e.g. {@code [{name, value}]}; absent is an empty list. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> records(String name) {
        Object value = variables.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map)) {
                    throw new InvalidJobInput(
                            jobType, name + "[" + i + "]", "must be an object, not " + describe(list.get(i)));
                }
            }
            return (List<Map<String, Object>>) list;
        }
        throw wrongType(name, "a list", value);
    }

    public List<String> strings(String name) {
        Object value = value(name);
        if (value instanceof List<?> list) {
            return list.stream()
                    .map(element -> {
                        if (element instanceof String text) {
                            return text;
                        }
                        throw new InvalidJobInput(jobType, name, "must be a list of strings, has " + describe(element));
                    })
                    .toList();
        }
        throw wrongType(name, "a list of strings", value);
    }

    /** The execution this job works for ({@code execution.id}), if the flow carries one. */
    public Optional<String> executionId() {
        Object execution = variables.get("execution");
        if (execution instanceof Map<?, ?> map && map.get("id") != null) {
            return Optional.of(map.get("id").toString());
        }
        return Optional.empty();
    }

    private InvalidJobInput missing(String name, String expected) {
        return new InvalidJobInput(jobType, name, "is missing (expected " + expected + ")");
    }

    private InvalidJobInput wrongType(String name, String expected, Object value) {
        return new InvalidJobInput(jobType, name, "must be " + expected + ", not " + describe(value));
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String kind = value instanceof Map
                ? "an object"
                : value instanceof List
                        ? "a list"
                        : value instanceof String
                                ? "a string"
                                : value instanceof Number
                                        ? "a number"
                                        : value instanceof Boolean
                                                ? "a boolean"
                                                : value.getClass().getSimpleName();
        String text = String.valueOf(value);
        return kind + " (" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + ")";
    }
}
