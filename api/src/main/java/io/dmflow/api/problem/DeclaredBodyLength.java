package io.dmflow.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * A request whose {@code Content-Length} is over its {@link BodyLimits limit} is refused before a byte of the body
 * is read, with a 413 problem. It runs ahead of Quarkus' own check of {@code quarkus.http.limits.max-body-size},
 * which would answer with an empty body.
 *
 * <p>The connection is closed after the answer, since the body it announced is not wanted. Closing a socket that
 * still has unread bytes makes TCP reset it, and a client still writing its body then loses the 413 it was sent; so
 * a body of up to {@link #DRAINED_BYTES} is read and thrown away first, and only a larger one is cut off at once.
 * A client that sends {@code Expect: 100-continue} (curl does, over 1 MiB) gets the 413 before it sends anything.
 */
@ApplicationScoped
public class DeclaredBodyLength {

    /** Ahead of Quarkus' upload limit (route order -2): a filter's route order is minus its priority. */
    private static final int PRIORITY = 10;

    /** How much of a refused body is read and discarded so that its sender sees the answer. */
    static final long DRAINED_BYTES = 32L * 1024 * 1024;

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
                refuse(request, limit.exceeded(), length <= DRAINED_BYTES);
                return;
            }
        }
        request.next();
    }

    private void refuse(RoutingContext request, ProblemException problem, boolean drain) {
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
        HttpServerRequest incoming = request.request();
        HttpConnection connection = incoming.connection();
        if (drain) {
            incoming.handler(discarded -> {});
            incoming.endHandler(ended -> connection.close());
            incoming.resume();
        }
        request.response()
                .setStatusCode(body.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .endHandler(ended -> {
                    if (!drain || incoming.isEnded()) {
                        connection.close();
                    }
                })
                .end(text);
    }
}
