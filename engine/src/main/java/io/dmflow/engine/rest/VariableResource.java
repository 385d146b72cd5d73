package io.dmflow.engine.rest;

import io.dmflow.engine.EmbeddedEngine;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

@Path("/v2/variables")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VariableResource {
    @Inject
    EmbeddedEngine engine;

    @POST
    @Path("/search")
    public Map<String, Object> search(@QueryParam("truncateValues") Boolean truncate, Map<String, Object> body) {
        return engine.queries().variables(body, truncate == null || truncate);
    }

    @GET
    @Path("/{key}")
    public Map<String, Object> get(@PathParam("key") String key) {
        return engine.queries().variable(RequestBody.key(key, "variableKey"));
    }
}
