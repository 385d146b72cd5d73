package io.dmflow.api.problem;

import jakarta.ws.rs.core.Response.Status;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Ends a request with a problem detail. */
public class ProblemException extends RuntimeException {

    private final Status status;
    private final String title;
    private final String parameter;
    private final List<Problem.ProblemError> errors;
    private final Duration retryAfter;

    public ProblemException(Status status, String title, String detail) {
        this(status, title, detail, null);
    }

    public ProblemException(Status status, String title, String detail, String parameter) {
        this(status, title, detail, parameter, null);
    }

    public ProblemException(
            Status status, String title, String detail, String parameter, List<Problem.ProblemError> errors) {
        this(status, title, detail, parameter, errors, null);
    }

    private ProblemException(
            Status status,
            String title,
            String detail,
            String parameter,
            List<Problem.ProblemError> errors,
            Duration retryAfter) {
        super(detail);
        this.status = status;
        this.title = title;
        this.parameter = parameter;
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** dmflow cannot serve the request for now: the answer's Retry-After says when to ask again. */
    public static ProblemException unavailable(String title, String detail, Duration retryAfter) {
        return new ProblemException(Status.SERVICE_UNAVAILABLE, title, detail, null, null, retryAfter);
    }

    /** A body that is not JSON, with the line and column where the parser gave up. */
    public static ProblemException malformedJson(com.fasterxml.jackson.core.JsonProcessingException e, String field) {
        return badRequest(
                "Malformed JSON",
                "The body is not JSON at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(),
                field);
    }

    public static ProblemException notFound(String title, String detail) {
        return new ProblemException(Status.NOT_FOUND, title, detail);
    }

    public static ProblemException conflict(String title, String detail) {
        return new ProblemException(Status.CONFLICT, title, detail);
    }

    public static ProblemException badRequest(String title, String detail, String parameter) {
        return new ProblemException(Status.BAD_REQUEST, title, detail, parameter);
    }

    public Status status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String parameter() {
        return parameter;
    }

    public List<Problem.ProblemError> errors() {
        return errors;
    }

    /** When the client may try again, if the problem passes. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
