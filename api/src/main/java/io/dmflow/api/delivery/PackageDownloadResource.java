package io.dmflow.api.delivery;

import java.io.InputStream;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.dmflow.api.problem.ProblemException;
import io.dmflow.lwm2m.delivery.PackageSource;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.StreamingOutput;

/** Where devices pull packages over HTTP(S): {@code /packages/<token>}, streamed, only while offered. */
@Path("/packages")
public class PackageDownloadResource {

    @Inject
    DeviceManagementServer server;

    @GET
    @Path("/{token}")
    @Operation(summary = "Download an offered firmware or software package (for devices)")
    public Response download(@PathParam("token") String token) {
        PackageSource source = server.packageOffers().find(token).orElseThrow(() -> new ProblemException(
                Status.NOT_FOUND, "Unknown package", "No package is offered under this token, or its offer expired"));
        StreamingOutput body = out -> {
            try (InputStream in = source.open()) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, "application/octet-stream").header("Content-Length", source.size())
                .header("Cache-Control", "no-store").build();
    }
}
