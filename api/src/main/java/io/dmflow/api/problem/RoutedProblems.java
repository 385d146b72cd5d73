package io.dmflow.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Problems answered on a Vert.x route, before or beside the REST resources (refusals of access, the cluster relay),
 * in the same problem+json as every other error of the API.
 */
@ApplicationScoped
public class RoutedProblems {

    @Inject
    ObjectMapper json;

    public void send(RoutingContext request, int status, String title, String detail) {
        if (request.response().ended()) {
            return;
        }
        Problem problem = new Problem("about:blank", title, status, detail, request.normalizedPath(), null, null);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem detail always serialises", e);
        }
        request.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }
}
