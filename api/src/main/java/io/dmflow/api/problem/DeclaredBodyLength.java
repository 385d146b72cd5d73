package io.dmflow.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * A request whose {@code Content-Length} is over its {@link BodyLimits limit} is refused before a byte of the body
 * is read, with a 413 problem. It runs ahead of Quarkus' own check of {@code quarkus.http.limits.max-body-size},
 * which would answer with an empty body. The connection is closed, since the body it announced is left unread.
 */
@ApplicationScoped
public class DeclaredBodyLength {

    /** Ahead of Quarkus' upload limit (route order -2): a filter's route order is minus its priority. */
    private static final int PRIORITY = 10;

    @Inject
    BodyLimits limits;

    @Inject
    ObjectMapper json;

    void install(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext request) {
        String declared = request.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            BodyLimits.Limit limit = limits.of(request.request().method().name(), request.normalizedPath());
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                // Not a length: Vert.x refuses such a request itself; nothing to compare.
                request.next();
                return;
            }
            if (length > limit.bytes()) {
                refuse(request, limit.exceeded());
                return;
            }
        }
        request.next();
    }

    private void refuse(RoutingContext request, ProblemException problem) {
        Problem body = new Problem(
                "about:blank",
                problem.title(),
                problem.status().getStatusCode(),
                problem.getMessage(),
                request.normalizedPath(),
                problem.parameter(),
                null);
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem detail always serialises", e);
        }
        request.response()
                .setStatusCode(body.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .endHandler(ended -> request.request().connection().close())
                .end(text);
    }
}
