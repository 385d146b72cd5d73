package io.dmflow.engine.rest;

import io.dmflow.engine.EmbeddedEngine;
import io.dmflow.engine.rejection.EngineRejection;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/** In remote mode a Camunda 8 cluster serves /v2; this application answers 404 there. */
@Provider
@PreMatching
public class RemoteModeFilter implements ContainerRequestFilter {
    // the engine bean, not the config mapping: providers are created before runtime config exists
    @Inject
    EmbeddedEngine engine;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!engine.isEmbedded()) {
            String path = request.getUriInfo().getPath();
            if (path.equals("/v2") || path.startsWith("/v2/") || path.startsWith("v2/")) {
                request.abortWith(Problems.of(
                        EngineRejection.notFound(
                                "The embedded engine is off (dmflow.engine.mode=remote); use the Camunda 8 cluster"),
                        request.getUriInfo()));
            }
        }
    }
}
