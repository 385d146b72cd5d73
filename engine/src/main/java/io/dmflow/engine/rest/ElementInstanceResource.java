package io.dmflow.engine.rest;

import io.dmflow.engine.EmbeddedEngine;
import io.dmflow.engine.rejection.EngineRejection;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

@Path("/v2/element-instances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ElementInstanceResource {
    @Inject
    EmbeddedEngine engine;

    @PUT
    @Path("/{key}/variables")
    public Response setVariables(@PathParam("key") String key, Map<String, Object> json) {
        RequestBody body = new RequestBody(json);
        Map<String, Object> variables = body.object("variables");
        if (variables == null) {
            throw EngineRejection.invalidArgument("No variables provided.");
        }
        engine.variables().setVariables(RequestBody.key(key, "elementInstanceKey"), variables, body.bool("local"));
        return Response.noContent().build();
    }

    @jakarta.ws.rs.POST
    @Path("/search")
    public Map<String, Object> search(Map<String, Object> body) {
        return engine.queries().elementInstances(body);
    }

    @jakarta.ws.rs.GET
    @Path("/{key}")
    public Map<String, Object> get(@PathParam("key") String key) {
        return engine.queries().elementInstance(RequestBody.key(key, "elementInstanceKey"));
    }
}
