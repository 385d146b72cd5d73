package io.dmflow.api.property;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dmflow.api.problem.ProblemException;

/** A property's name and the value of a PUT body: plain text as it is, or JSON holding one string. */
public final class PropertyValue {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_NAME_LENGTH = 255;

    private PropertyValue() {}

    public static String name(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw ProblemException.badRequest(
                    "Invalid property name", "a property name has 1 to " + MAX_NAME_LENGTH + " characters", "name");
        }
        return name;
    }

    /** The value of a PUT body: JSON (a single string) when the content type says so, plain text otherwise. */
    public static String fromBody(String body, String contentType) {
        boolean json = contentType != null && contentType.contains("json");
        if (body == null) {
            throw ProblemException.badRequest("Invalid property value", "the body must hold the value", "value");
        }
        if (!json) {
            return body;
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isTextual()) {
                throw ProblemException.badRequest(
                        "Invalid property value",
                        "a JSON body must be one string, e.g. \"42\"; property values are strings",
                        "value");
            }
            return node.textValue();
        } catch (JsonProcessingException e) {
            throw ProblemException.malformedJson(e, "value");
        }
    }
}
