package io.dmflow.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A JSON object body read strictly, the one reader of the request bodies that are checked field by field: malformed
 * JSON is answered with its line and column, an unknown field or a field of the wrong type by its name (the
 * problem's {@code parameter}, with the path of a nested field such as {@code target.device}). Every mistake is a
 * 400 problem with the title the caller gives, e.g. "Invalid user".
 */
public final class JsonBody {

    private final JsonNode body;
    private final String title;
    /** Where this object sits in the body: empty for the body itself, else e.g. {@code "target."}. */
    private final String path;

    private JsonBody(JsonNode body, String title, String path) {
        this.body = body;
        this.title = title;
        this.path = path;
    }

    /**
     * Reads {@code text} as a JSON object of no other fields than {@code fields}.
     *
     * @param emptyIsObject whether a missing, blank or {@code null} body counts as {@code {}} (bodies whose every
     *     field is optional), rather than as a mistake
     */
    public static JsonBody parse(
            ObjectMapper json, String text, String title, Set<String> fields, boolean emptyIsObject) {
        JsonNode node;
        if (text == null || text.isBlank()) {
            node = null;
        } else {
            try {
                node = json.readTree(text);
            } catch (JsonProcessingException e) {
                throw ProblemException.malformedJson(e, "body");
            }
        }
        if (emptyIsObject && (node == null || node.isNull() || node.isMissingNode())) {
            node = JsonNodeFactory.instance.objectNode();
        }
        return new JsonBody(checked(node, title, fields, "", "body"), title, "");
    }

    /** Reads {@code text} as a JSON object of no other fields than {@code fields}; an empty body is a mistake. */
    public static JsonBody parse(ObjectMapper json, String text, String title, Set<String> fields) {
        return parse(json, text, title, fields, false);
    }

    private static JsonNode checked(JsonNode node, String title, Set<String> fields, String path, String name) {
        if (node == null || !node.isObject()) {
            throw ProblemException.badRequest(
                    title, name + " must be a JSON object with the fields " + new TreeSet<>(fields), name);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!fields.contains(field)) {
                throw ProblemException.badRequest(
                        title,
                        "unknown field '" + field + "'" + (path.isEmpty() ? "" : " in " + name) + "; the fields are "
                                + new TreeSet<>(fields),
                        path + field);
            }
        }
        return node;
    }

    /** Whether the field is given and not null. */
    public boolean has(String field) {
        return body.hasNonNull(field);
    }

    /** The fields given, in the order of the body. */
    public Iterable<String> fields() {
        return body::fieldNames;
    }

    /** A nested object of no other fields than {@code fields}, when the field is given and not null. */
    public Optional<JsonBody> object(String field, Set<String> fields) {
        if (!has(field)) {
            return Optional.empty();
        }
        return Optional.of(new JsonBody(
                checked(body.get(field), title, fields, name(field) + ".", name(field)), title, name(field) + "."));
    }

    /** A non-blank string of at most {@code maxLength} characters, when the field is given and not null. */
    public Optional<String> text(String field, int maxLength) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode node = body.get(field);
        if (!node.isTextual()) {
            throw invalid(name(field) + " must be a string, not " + kindOf(node), field);
        }
        if (node.textValue().isBlank()) {
            throw invalid(name(field) + " must not be empty", field);
        }
        if (node.textValue().length() > maxLength) {
            throw invalid(name(field) + " is longer than " + maxLength + " characters", field);
        }
        return Optional.of(node.textValue());
    }

    public String requiredText(String field, int maxLength) {
        return text(field, maxLength).orElseThrow(() -> invalid(name(field) + " is required", field));
    }

    /**
     * A string turned into a value by {@code parse}, whose {@link IllegalArgumentException} is answered as a mistake
     * in the field with its message.
     */
    public <T> Optional<T> text(String field, int maxLength, Function<String, T> parse) {
        return text(field, maxLength).map(text -> {
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw invalid(e.getMessage(), field);
            }
        });
    }

    /** An ISO-8601 instant such as {@code 2030-01-31T12:00:00Z}. */
    public Optional<Instant> instant(String field) {
        return text(field, 64).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw invalid(
                        name(field) + " must be an ISO-8601 instant such as 2030-01-31T12:00:00Z, was '" + text + "'",
                        field);
            }
        });
    }

    public Optional<Boolean> bool(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode node = body.get(field);
        if (!node.isBoolean()) {
            throw invalid(name(field) + " must be true or false, not " + kindOf(node), field);
        }
        return Optional.of(node.booleanValue());
    }

    /** A whole number from {@code min} to {@code max}. */
    public OptionalInt wholeNumber(String field, int min, int max) {
        if (!has(field)) {
            return OptionalInt.empty();
        }
        JsonNode node = body.get(field);
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw invalid(name(field) + " must be a whole number, not " + kindOf(node), field);
        }
        int value = node.intValue();
        if (value < min || value > max) {
            throw invalid(name(field) + " must be between " + min + " and " + max + ", was " + value, field);
        }
        return OptionalInt.of(value);
    }

    /** A string, number or boolean as its text (as task properties are kept), when given and not null. */
    public Optional<String> scalar(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        return Optional.of(scalarText(field, body.get(field)));
    }

    /**
     * An object whose every value is a string, number or boolean, as name to text; or, with {@code stringsOnly},
     * only strings.
     */
    public Map<String, String> scalars(String field, boolean stringsOnly) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!has(field)) {
            return values;
        }
        JsonNode node = body.get(field);
        if (!node.isObject()) {
            throw invalid(name(field) + " must be an object of " + (stringsOnly ? "strings" : "values"), field);
        }
        for (Iterator<Map.Entry<String, JsonNode>> entries = node.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String inner = field + "." + entry.getKey();
            if (stringsOnly && !entry.getValue().isTextual()) {
                throw invalid(name(inner) + " must be a string, not " + kindOf(entry.getValue()), inner);
            }
            values.put(entry.getKey(), scalarText(inner, entry.getValue()));
        }
        return values;
    }

    private String scalarText(String field, JsonNode value) {
        if (!value.isValueNode() || value.isNull()) {
            throw invalid(name(field) + " must be a string, number or boolean, not " + kindOf(value), field);
        }
        return value.asText();
    }

    /** A mistake in {@code field} (named relative to this object). */
    public ProblemException invalid(String detail, String field) {
        return ProblemException.badRequest(title, detail, name(field));
    }

    /** The field's name as the problem gives it, with the path of this object. */
    private String name(String field) {
        return path + field;
    }

    private static String kindOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case NUMBER -> "a number (" + node + ")";
            case BOOLEAN -> "a boolean (" + node + ")";
            case STRING -> "a string";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase();
        };
    }
}
