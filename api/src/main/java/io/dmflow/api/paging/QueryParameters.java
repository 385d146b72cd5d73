package io.dmflow.api.paging;

import io.dmflow.api.problem.ProblemException;

/**
 * Query parameters read as text and checked here, so that {@code size=abc} is a 400 naming the parameter (a JAX-RS
 * parameter of a number type that cannot be converted answers 404, which tells the caller nothing).
 */
public final class QueryParameters {

    private QueryParameters() {}

    /** The parameter as an int, or {@code absent} when it is not given. */
    public static int wholeNumber(String name, String text, int absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(
                    "Invalid query parameter", name + " must be a whole number, was '" + text + "'", name);
        }
    }
}
