package io.dmflow.api.observation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.dmflow.api.device.Device;
import io.dmflow.api.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

@Path("/api/devices/{endpoint}/values")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceValueResource {

    static final int MAX_HISTORY = 10_000;

    @Inject
    DataSource dataSource;

    @GET
    @Operation(summary = "The data model cache: the latest value the device reported for each observed path")
    public List<DeviceValueView> latest(@PathParam("endpoint") String endpoint) {
        requireDevice(endpoint);
        return query("SELECT path, value::text, observed_at FROM dmflow.device_value WHERE endpoint = ? ORDER BY path",
                endpoint);
    }

    @GET
    @Path("/history")
    @Operation(summary = "The values a device reported for one path over time, oldest first")
    public List<DeviceValueView> history(@PathParam("endpoint") String endpoint, @QueryParam("path") String path,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("1000") int limit) {
        requireDevice(endpoint);
        if (path == null || path.isBlank()) {
            throw ProblemException.badRequest("Missing query parameter", "path is required, e.g. /3303/0/5700",
                    "path");
        }
        if (limit < 1 || limit > MAX_HISTORY) {
            throw ProblemException.badRequest("Invalid query parameter",
                    "limit must be between 1 and " + MAX_HISTORY + ", was " + limit, "limit");
        }
        Instant since = instant(from, "from", Instant.EPOCH);
        Instant until = instant(to, "to", Instant.parse("9999-12-31T23:59:59Z"));
        return query("""
                SELECT path, value::text, observed_at FROM dmflow.device_value_history
                WHERE endpoint = ? AND path = ? AND observed_at >= ? AND observed_at <= ?
                ORDER BY observed_at, id LIMIT ?""", endpoint, path, Timestamp.from(since), Timestamp.from(until),
                limit);
    }

    private static void requireDevice(String endpoint) {
        if (Device.findByEndpoint(endpoint) == null) {
            throw new ProblemException(Status.NOT_FOUND, "Unknown device",
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
            throw ProblemException.badRequest("Invalid query parameter",
                    parameter + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, was '" + text + "'",
                    parameter);
        }
    }

    private List<DeviceValueView> query(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<DeviceValueView> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(new DeviceValueView(rows.getString(1), rows.getString(2),
                            rows.getTimestamp(3).toInstant()));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read device values", e);
        }
    }
}
