package io.dmflow.api.paging;

import io.dmflow.api.problem.ProblemException;

/** Which page of a listing a caller asked for, checked. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 1000;

    public static final int DEFAULT_SIZE = 50;

    /** The page and size query parameters as given (absent: the first page of 50), checked. */
    public static PageRequest parse(String page, String size) {
        return of(
                QueryParameters.wholeNumber("page", page, 0), QueryParameters.wholeNumber("size", size, DEFAULT_SIZE));
    }

    public static PageRequest of(int page, int size) {
        if (page < 0) {
            throw ProblemException.badRequest("Invalid query parameter", "page must be 0 or more, was " + page, "page");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.badRequest(
                    "Invalid query parameter", "size must be between 1 and " + MAX_SIZE + ", was " + size, "size");
        }
        return new PageRequest(page, size);
    }
}
