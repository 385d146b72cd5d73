package io.dmflow.api.observation;

import io.dmflow.api.device.Device;
import io.dmflow.api.paging.QueryParameters;
import io.dmflow.api.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/devices/{endpoint}/values")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceValueResource {

    static final int MAX_HISTORY = 10_000;

    @Inject
    DeviceValues values;

    @GET
    @Operation(summary = "The data model cache: the latest value the device reported for each observed path")
    public List<DeviceValueView> latest(@PathParam("endpoint") String endpoint) {
        requireDevice(endpoint);
        return values.latest(endpoint);
    }

    @GET
    @Path("/history")
    @Operation(summary = "The values a device reported for one path over time, oldest first")
    public List<DeviceValueView> history(
            @PathParam("endpoint") String endpoint,
            @QueryParam("path") String path,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("limit") String limitText) {
        requireDevice(endpoint);
        if (path == null || path.isBlank()) {
            throw ProblemException.badRequest("Missing query parameter", "path is required, e.g. /3303/0/5700", "path");
        }
        int limit = QueryParameters.wholeNumber("limit", limitText, 1000);
        if (limit < 1 || limit > MAX_HISTORY) {
            throw ProblemException.badRequest(
                    "Invalid query parameter",
                    "limit must be between 1 and " + MAX_HISTORY + ", was " + limit,
                    "limit");
        }
        Instant since = instant(from, "from", Instant.EPOCH);
        Instant until = instant(to, "to", Instant.parse("9999-12-31T23:59:59Z"));
        return values.history(endpoint, path, since, until, limit);
    }

    static void requireDevice(String endpoint) {
        if (Device.findByEndpoint(endpoint) == null) {
            throw new ProblemException(
                    Status.NOT_FOUND,
                    "Unknown device",
                    "No device with endpoint '" + endpoint + "' has ever registered");
        }
    }

    private static Instant instant(String text, String parameter, Instant absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(
                    "Invalid query parameter",
                    parameter + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, was '" + text + "'",
                    parameter);
        }
    }
}
