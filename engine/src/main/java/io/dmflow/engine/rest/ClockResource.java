package io.dmflow.engine.rest;

import io.dmflow.engine.EmbeddedEngine;
import io.dmflow.engine.rejection.EngineRejection;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Pins or releases the engine clock (timers, deadlines, FEEL now()): for deterministic tests. */
@Path("/v2/clock")
@Produces(MediaType.APPLICATION_JSON)
public class ClockResource {
    @Inject
    EmbeddedEngine engine;

    @PUT
    public Response pin(Map<String, Object> body) {
        Long timestamp = new RequestBody(body).longValue("timestamp");
        if (timestamp == null || timestamp < 0) {
            throw EngineRejection.invalidArgument("Expected a timestamp in epoch milliseconds");
        }
        engine.pinClock(timestamp);
        return Response.noContent().build();
    }

    @POST
    @Path("/reset")
    public Response reset() {
        engine.pinClock(null);
        return Response.noContent().build();
    }
}
