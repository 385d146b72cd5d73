package io.dmflow.engine.rest;

import io.dmflow.engine.rejection.EngineRejection;
import io.dmflow.engine.rejection.RejectionType;
import io.dmflow.engine.state.StateAccessException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * RFC 9457 problem details with the titles the Camunda gateway uses (see docs/engine-rest-api.md,
 * 'Wire protocol', 'Errors'). The one place where a rejection gets its HTTP status: the mappers
 * here are global, but they only map the engine's own exception types, so an application that
 * embeds the engine keeps its own answers for everything else.
 */
public final class Problems {
    static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(Problems.class);

    @ServerExceptionMapper
    public Response rejected(EngineRejection rejection, UriInfo uri) {
        return of(rejection, uri);
    }

    @ServerExceptionMapper
    public Response stateAccessFailed(StateAccessException failure, UriInfo uri) {
        return of(failure, uri);
    }

    static Response of(Throwable error, UriInfo uri) {
        return of(error, uri == null ? null : uri.getPath());
    }

    /** For answers completed off the request thread, where the request's UriInfo is gone. */
    static Response of(Throwable error, String path) {
        if (error instanceof EngineRejection rejection) {
            return response(status(rejection.type()), rejection.type().name(), rejection.getMessage(), path);
        }
        if (error instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            return response(
                    status,
                    status == 400
                            ? "Bad Request"
                            : web.getResponse().getStatusInfo().getReasonPhrase(),
                    web.getMessage(),
                    path);
        }
        LOG.error("engine request failed", error);
        return response(500, "INTERNAL", String.valueOf(error.getMessage()), path);
    }

    static int status(RejectionType type) {
        return switch (type) {
            case NOT_FOUND -> 404;
            case INVALID_STATE, ALREADY_EXISTS -> 409;
            case INVALID_ARGUMENT -> 400;
            case DEADLINE_EXCEEDED -> 504;
            case UNAVAILABLE -> 503;
        };
    }

    private static Response response(int status, String title, String detail, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", path == null ? null : "/" + path.replaceFirst("^/", ""));
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
