package io.dmflow.engine.rest;

import io.dmflow.engine.EmbeddedEngine;
import io.dmflow.engine.command.MessageCommands.Published;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

@Path("/v2/messages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MessageResource {
    @Inject
    EmbeddedEngine engine;

    @POST
    @Path("/publication")
    public Map<String, Object> publish(Map<String, Object> json) {
        RequestBody body = new RequestBody(json);
        Long ttl = body.longValue("timeToLive");
        Published published = engine.messages()
                .publish(
                        body.requiredString("name"),
                        body.string("correlationKey"),
                        ttl == null ? 0 : ttl,
                        body.string("messageId"),
                        body.object("variables"),
                        body.string("tenantId"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messageKey", Keys.text(published.messageKey()));
        out.put("tenantId", published.tenantId());
        return out;
    }

    @POST
    @Path("/correlation")
    public Map<String, Object> correlate(Map<String, Object> json) {
        RequestBody body = new RequestBody(json);
        Published published = engine.messages()
                .correlate(
                        body.requiredString("name"),
                        body.string("correlationKey"),
                        body.object("variables"),
                        body.string("tenantId"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messageKey", Keys.text(published.messageKey()));
        out.put("tenantId", published.tenantId());
        out.put("processInstanceKey", Keys.text(published.processInstanceKey()));
        return out;
    }
}
