package io.dmflow.engine.rest;

import io.dmflow.engine.EmbeddedEngine;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

@Path("/v2/process-definitions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProcessDefinitionResource {
    @Inject
    EmbeddedEngine engine;

    @POST
    @Path("/search")
    public Map<String, Object> search(Map<String, Object> body) {
        return engine.queries().processDefinitions(body);
    }

    @GET
    @Path("/{key}")
    public Map<String, Object> get(@PathParam("key") String key) {
        return engine.queries().processDefinition(RequestBody.key(key, "processDefinitionKey"));
    }

    @GET
    @Path("/{key}/xml")
    @Produces({"text/xml", MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response xml(@PathParam("key") String key) {
        // text/xml whatever the client accepts: the Java client asks for JSON but reads the body as text
        return Response.ok(engine.queries().processDefinitionXml(RequestBody.key(key, "processDefinitionKey")))
                .type("text/xml")
                .build();
    }

    @POST
    @Path("/{key}/statistics/element-instances")
    public Map<String, Object> statistics(@PathParam("key") String key) {
        return engine.queries()
                .elementStatistics("process_definition_key", RequestBody.key(key, "processDefinitionKey"));
    }
}
