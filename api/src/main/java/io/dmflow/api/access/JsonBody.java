package io.dmflow.api.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dmflow.api.problem.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSON object body read strictly, as {@code TaskRequest} reads a task: malformed JSON is answered with its line
 * and column, an unknown field or a field of the wrong type by its name.
 */
final class JsonBody {

    private final JsonNode body;
    private final String title;

    private JsonBody(JsonNode body, String title) {
        this.body = body;
        this.title = title;
    }

    /** @param title the problem's title for every mistake in this body, e.g. "Invalid user" */
    static JsonBody parse(ObjectMapper json, String text, String title, Set<String> fields) {
        JsonNode node;
        try {
            node = json.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            throw ProblemException.malformedJson(e, "body");
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.badRequest(
                    title, "the body must be a JSON object with the fields " + new TreeSet<>(fields), "body");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!fields.contains(field)) {
                throw ProblemException.badRequest(
                        title, "unknown field '" + field + "'; the fields are " + new TreeSet<>(fields), field);
            }
        }
        return new JsonBody(node, title);
    }

    boolean has(String field) {
        return body.hasNonNull(field);
    }

    /** A non-blank string of at most {@code maxLength} characters, when the field is given and not null. */
    Optional<String> text(String field, int maxLength) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode node = body.get(field);
        if (!node.isTextual()) {
            throw invalid(
                    field + " must be a string, not "
                            + node.getNodeType().toString().toLowerCase(),
                    field);
        }
        if (node.textValue().isBlank()) {
            throw invalid(field + " must not be empty", field);
        }
        if (node.textValue().length() > maxLength) {
            throw invalid(field + " is longer than " + maxLength + " characters", field);
        }
        return Optional.of(node.textValue());
    }

    String requiredText(String field, int maxLength) {
        return text(field, maxLength).orElseThrow(() -> invalid(field + " is required", field));
    }

    Optional<Role> role(String field) {
        return text(field, 16).map(text -> {
            try {
                return Role.parse(text);
            } catch (IllegalArgumentException e) {
                throw invalid(e.getMessage(), field);
            }
        });
    }

    /** An ISO-8601 instant such as {@code 2030-01-31T12:00:00Z}. */
    Optional<Instant> instant(String field) {
        return text(field, 64).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw invalid(
                        field + " must be an ISO-8601 instant such as 2030-01-31T12:00:00Z, was '" + text + "'", field);
            }
        });
    }

    ProblemException invalid(String detail, String field) {
        return ProblemException.badRequest(title, detail, field);
    }
}
