package io.dmflow.api.delivery;

import io.dmflow.api.problem.ProblemException;
import io.dmflow.api.resource.ByteRange;
import io.dmflow.lwm2m.delivery.PackageSource;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Where devices pull packages over HTTP(S): {@code /packages/<token>}, streamed, only while offered. */
@Path("/packages")
public class PackageDownloadResource {

    @Inject
    DeviceManagementServer server;

    @GET
    @Path("/{token}")
    @Operation(
            summary = "Download an offered firmware or software package (for devices)",
            description = "Streamed; a Range header (bytes=from-to, bytes=from- or bytes=-length) gives part of it,"
                    + " so a device whose download broke off resumes where it stopped")
    public Response download(@PathParam("token") String token, @HeaderParam("Range") String range) {
        PackageSource source = server.packageOffers()
                .find(token)
                .orElseThrow(() -> new ProblemException(
                        Status.NOT_FOUND,
                        "Unknown package",
                        "No package is offered under this token, or its offer expired"));
        Optional<ByteRange> part;
        try {
            part = ByteRange.parse(range, source.size());
        } catch (ByteRange.NotSatisfiable e) {
            return e.answer("/packages/" + token);
        }
        long start = part.map(ByteRange::from).orElse(0L);
        long length = part.map(ByteRange::length).orElse(source.size());
        StreamingOutput body = out -> {
            try (InputStream in = source.open()) {
                in.skipNBytes(start);
                long copied = copy(in, out, length);
                if (copied < length) {
                    throw new IOException("package " + source.name() + " ended after " + (start + copied) + " of "
                            + source.size() + " bytes");
                }
            }
        };
        Response.ResponseBuilder response = Response.status(part.isPresent() ? 206 : 200)
                .entity(body)
                .type("application/octet-stream")
                .header("Content-Length", length)
                .header("Accept-Ranges", "bytes")
                .header("Cache-Control", "no-store");
        part.ifPresent(bytes -> response.header("Content-Range", bytes.contentRange()));
        return response.build();
    }

    private static long copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        int read;
        while (copied < length && (read = in.read(buffer, 0, (int) Math.min(buffer.length, length - copied))) > 0) {
            out.write(buffer, 0, read);
            copied += read;
        }
        return copied;
    }
}
