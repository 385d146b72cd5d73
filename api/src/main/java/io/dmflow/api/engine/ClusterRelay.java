package io.dmflow.api.engine;

import io.dmflow.api.problem.BodyLimits;
import io.dmflow.api.problem.RoutedProblems;
import io.dmflow.engine.config.EngineConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * In remote mode the engine's REST API is the Camunda 8 cluster's, and dmflow relays its own {@code /v2} there: the
 * console's flow pages and repairs, and any client given a dmflow token, work beside Operate as on the embedded
 * engine. A caller signs in to dmflow and is held to dmflow's roles like every {@code /v2} caller (the HTTP security
 * policy runs before this route); the cluster sees dmflow's own credentials, those of its Camunda client.
 */
@ApplicationScoped
public class ClusterRelay {

    private static final Logger LOG = Logger.getLogger(ClusterRelay.class);
    private static final List<CharSequence> REQUEST_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT);
    private static final List<String> ANSWER_HEADERS = List.of("content-type", "content-disposition");

    @Inject
    EngineConfig engine;

    @Inject
    EngineClientConfig config;

    @Inject
    EngineClient client;

    @Inject
    BodyLimits limits;

    @Inject
    RoutedProblems problems;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    void mount(@Observes Router router) {
        if (engine.embedded()) {
            return;
        }
        // Before the REST resources, whose /v2 answers 404 in remote mode; after authentication and authorization.
        router.route("/v2/*")
                .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(context -> BodyHandler.create(false)
                        .setBodyLimit(limits.of(context.request().method().name(), context.normalizedPath())
                                .bytes())
                        .handle(context));
        router.route("/v2/*")
                .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT + 1)
                .blockingHandler(this::relay, false);
    }

    private void relay(RoutingContext context) {
        URI cluster = config.restAddress().orElseThrow();
        URI target = URI.create(
                cluster.toString().replaceAll("/+$", "") + context.request().uri());
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(config.requestTimeout());
        for (CharSequence header : REQUEST_HEADERS) {
            String value = context.request().getHeader(header);
            if (value != null) {
                request.header(header.toString(), value);
            }
        }
        RequestBody body = context.body();
        Buffer bytes = body == null ? null : body.buffer();
        request.method(
                context.request().method().name(),
                bytes == null || bytes.length() == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes.getBytes()));
        HttpResponse<byte[]> answer;
        try {
            client.client().getConfiguration().getCredentialsProvider().applyCredentials(request::header);
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            LOG.warnf(
                    "The Camunda 8 cluster at %s did not answer %s: %s",
                    cluster, context.request().uri(), e);
            problems.send(
                    context,
                    502,
                    "Camunda 8 cluster unreachable",
                    "dmflow relays /v2 to the cluster at " + cluster + " (dmflow.camunda.rest-address), which did "
                            + "not answer: " + e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.send(context, 503, "dmflow is stopping", "the relay to the Camunda 8 cluster was interrupted");
            return;
        }
        var response = context.response().setStatusCode(answer.statusCode());
        for (String header : ANSWER_HEADERS) {
            answer.headers().firstValue(header).ifPresent(value -> response.putHeader(header, value));
        }
        response.end(Buffer.buffer(answer.body()));
    }
}
