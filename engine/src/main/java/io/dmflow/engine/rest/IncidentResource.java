package io.dmflow.engine.rest;

import io.dmflow.engine.EmbeddedEngine;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v2/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {
    @Inject
    EmbeddedEngine engine;

    @POST
    @Path("/{key}/resolution")
    public Response resolve(@PathParam("key") String key) {
        engine.incidents().resolve(RequestBody.key(key, "incidentKey"));
        return Response.noContent().build();
    }

    @POST
    @Path("/search")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    public java.util.Map<String, Object> search(java.util.Map<String, Object> body) {
        return engine.queries().incidents(body, null);
    }

    @jakarta.ws.rs.GET
    @Path("/{key}")
    public java.util.Map<String, Object> get(@PathParam("key") String key) {
        return engine.queries().incident(RequestBody.key(key, "incidentKey"));
    }
}
