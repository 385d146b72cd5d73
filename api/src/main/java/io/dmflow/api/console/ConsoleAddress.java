package io.dmflow.api.console;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code /console} as people type it sends them to {@code /console/}, where Quarkus serves the console's
 * index.html: the console's files are static resources, found only under the folder's own path, and its relative
 * links (js/app.js) resolve against that folder.
 */
@ApplicationScoped
public class ConsoleAddress {

    static final String FOLDER = "/console/";

    void install(@Observes Router router) {
        router.route(HttpMethod.GET, "/console").handler(this::redirect);
        router.route(HttpMethod.HEAD, "/console").handler(this::redirect);
    }

    private void redirect(RoutingContext request) {
        // Vert.x also routes /console/ here; that one is the static folder's.
        if (!request.request().path().equals("/console")) {
            request.next();
            return;
        }
        String query = request.request().query();
        request.response()
                .setStatusCode(301)
                .putHeader(HttpHeaders.LOCATION, query == null ? FOLDER : FOLDER + "?" + query)
                .end();
    }
}
