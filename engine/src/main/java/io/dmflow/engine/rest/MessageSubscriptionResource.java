package io.dmflow.engine.rest;

import io.dmflow.engine.EmbeddedEngine;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

@Path("/v2/message-subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MessageSubscriptionResource {
    @Inject
    EmbeddedEngine engine;

    @POST
    @Path("/search")
    public Map<String, Object> search(Map<String, Object> body) {
        return engine.queries().messageSubscriptions(body);
    }
}
