package io.dmflow.engine.rest;

import io.dmflow.engine.rejection.EngineRejection;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Parts of the v2 API the embedded engine does not serve (signals, user tasks, decisions, ...):
 * a problem detail the client can report, instead of an HTML page it cannot parse.
 */
@Path("/v2/{path: .+}")
@Produces(MediaType.APPLICATION_JSON)
public class UnsupportedEndpointResource {
    @Context
    UriInfo uriInfo;

    @GET
    public Response get() {
        return unsupported();
    }

    @POST
    public Response post() {
        return unsupported();
    }

    @PUT
    public Response put() {
        return unsupported();
    }

    @PATCH
    public Response patch() {
        return unsupported();
    }

    @DELETE
    public Response delete() {
        return unsupported();
    }

    private Response unsupported() {
        return Problems.of(
                EngineRejection.notFound(
                        "'/" + uriInfo.getPath().replaceFirst("^/", "") + "' is not supported by the embedded engine"),
                uriInfo);
    }
}
