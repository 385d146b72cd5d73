package io.dmflow.api.execution;

import io.dmflow.api.paging.Page;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A device's history as the flows it went through. A class of its own: JAX-RS picks the resource class by the
 * longest path first, so under {@code /api} beside {@code /api/devices} this path would never be reached.
 */
@Path("/api/devices/{endpoint}/executions")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceExecutionResource {

    @Inject
    ExecutionResource executions;

    @GET
    @Operation(
            summary = "A device's executions",
            description = "Newest first: the device's history as the flows it went through")
    public Page<ExecutionView> ofDevice(
            @PathParam("endpoint") String endpoint,
            @QueryParam("status") String status,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return executions.list(null, endpoint, status, page, size);
    }
}
