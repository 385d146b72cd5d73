package io.dmflow.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error dmflow's REST API returns.
 *
 * @param parameter the request parameter or field that was wrong, when there is one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String parameter,
        List<ProblemError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One of several things wrong with a request, e.g. each compile error of a template.
     *
     * @param field the field or parameter, when the error is about one
     * @param line 1-based line in the request body, when it has lines
     * @param column 1-based column in that line
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProblemError(String detail, String field, Integer line, Integer column) {}
}
