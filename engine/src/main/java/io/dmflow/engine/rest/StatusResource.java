package io.dmflow.engine.rest;

import io.dmflow.engine.EmbeddedEngine;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

@Path("/v2/status")
public class StatusResource {
    @Inject
    EmbeddedEngine engine;

    @GET
    public Response status() {
        return Response.status(engine.isEmbedded() ? 204 : 503).build();
    }
}
