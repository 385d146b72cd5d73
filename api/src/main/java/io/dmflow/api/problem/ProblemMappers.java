package io.dmflow.api.problem;

import java.util.List;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Every error of the REST API leaves as {@code application/problem+json}. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.status().getStatusCode(), e.title(), e.getMessage(), uri, e.parameter(), e.errors());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), uri, null, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "Request %s failed", uri.getPath());
        return respond(500, "Internal Server Error",
                "dmflow could not complete the request; the server log has the cause", uri, null, null);
    }

    private static Response respond(int status, String title, String detail, UriInfo uri, String parameter,
            List<Problem.ProblemError> errors) {
        Problem problem = new Problem("about:blank", title, status, detail, uri.getPath(), parameter, errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
