package io.dmflow.api.problem;

import jakarta.ws.rs.core.Response.Status;

/** Ends a request with a problem detail. */
public class ProblemException extends RuntimeException {

    private final Status status;
    private final String title;
    private final String parameter;

    public ProblemException(Status status, String title, String detail) {
        this(status, title, detail, null);
    }

    public ProblemException(Status status, String title, String detail, String parameter) {
        super(detail);
        this.status = status;
        this.title = title;
        this.parameter = parameter;
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
}
