package io.dmflow.api.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the REST API leaves as {@code application/problem+json}. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return problem(e, uri.getPath());
    }

    static Response problem(ProblemException e, String path) {
        Response response =
                respond(e.status().getStatusCode(), e.title(), e.getMessage(), path, e.parameter(), e.errors());
        return e.retryAfter()
                .map(after -> Response.fromResponse(response)
                        .header("Retry-After", after.toSeconds())
                        .build())
                .orElse(response);
    }

    /** A body that is JSON but does not fit: an unknown field, or a field of the wrong type, named by its path. */
    @ServerExceptionMapper
    public Response unfitJson(JsonMappingException e, UriInfo uri) {
        String field = fieldPath(e);
        String detail;
        if (e instanceof UnrecognizedPropertyException unknown) {
            detail = "unknown field '" + unknown.getPropertyName() + "'; the fields are "
                    + new java.util.TreeSet<>(unknown.getKnownPropertyIds().stream()
                            .map(String::valueOf)
                            .toList());
        } else if (e instanceof MismatchedInputException mismatch
                && mismatch.getTargetType() != null
                && field != null) {
            detail = field + " must be " + expected(mismatch.getTargetType());
        } else {
            detail = e.getOriginalMessage();
        }
        return respond(400, "Invalid request body", detail, uri.getPath(), field == null ? "body" : field, null);
    }

    /** Named as well, since Quarkus REST maps these (more specific) types itself. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unfitJson(e, uri);
    }

    @ServerExceptionMapper
    public Response wronglyFormattedJson(InvalidFormatException e, UriInfo uri) {
        return unfitJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unknownJsonField(UnrecognizedPropertyException e, UriInfo uri) {
        return unfitJson(e, uri);
    }

    /** A body that is not JSON at all: where it stops being JSON. */
    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        ProblemException problem = ProblemException.malformedJson(e, "body");
        return respond(400, problem.title(), problem.getMessage(), uri.getPath(), "body", null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // Quarkus REST wraps a body it could not parse; the cause says where.
        if (e.getCause() instanceof JsonParseException parse) {
            return malformedJson(parse, uri);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return unfitJson(mapping, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), uri.getPath(), null, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "Request %s failed", uri.getPath());
        return respond(
                500,
                "Internal Server Error",
                "dmflow could not complete the request; the server log has the cause",
                uri.getPath(),
                null,
                null);
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? null : path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static Response respond(
            int status, String title, String detail, String path, String parameter, List<Problem.ProblemError> errors) {
        Problem problem = new Problem("about:blank", title, status, detail, path, parameter, errors);
        Response.ResponseBuilder response =
                Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
        if (status == Response.Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode()) {
            // The rest of the body is left unread: the connection cannot carry another request.
            response.header("Connection", "close");
        }
        return response.build();
    }
}
