package io.dmflow.api.device;

import io.dmflow.api.paging.PageRequest;
import io.dmflow.api.problem.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

@Path("/api/devices")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

    @Inject
    LatestValues values;

    @GET
    @Operation(
            summary = "List devices",
            description = "Paged, ordered by endpoint; filter by state and endpoint prefix")
    public DevicePage list(
            @Parameter(description = "online, sleeping or offline") @QueryParam("state") String state,
            @Parameter(description = "only endpoints starting with this text") @QueryParam("endpointPrefix")
                    String endpointPrefix,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        PageRequest request = PageRequest.parse(page, size);
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (state != null && !state.isBlank()) {
            try {
                parameters.put("state", DeviceState.fromWireName(state.trim()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("Invalid query parameter", e.getMessage(), "state");
            }
            conditions.add("state = :state");
        }
        if (endpointPrefix != null && !endpointPrefix.isEmpty()) {
            conditions.add("endpoint like :prefix escape '\\'");
            parameters.put("prefix", escapeLike(endpointPrefix) + "%");
        }
        PanacheQuery<Device> query = Device.find(String.join(" and ", conditions), Sort.by("endpoint"), parameters)
                .page(request.page(), request.size());
        List<Device> devices = query.list();
        Map<String, String> firmware =
                values.latest(devices.stream().map(device -> device.endpoint).toList(), LatestValues.FIRMWARE_VERSION);
        List<DeviceView> items = devices.stream()
                .map(device -> DeviceView.of(device, firmware.get(device.endpoint)))
                .toList();
        long total = query.count();
        return new DevicePage(
                items, request.page(), request.size(), total, (int) ((total + request.size() - 1) / request.size()));
    }

    @GET
    @Path("/{endpoint}")
    @Operation(summary = "One device by its LwM2M endpoint name")
    public DeviceView get(@PathParam("endpoint") String endpoint) {
        Device device = Device.findByEndpoint(endpoint);
        if (device == null) {
            throw new ProblemException(
                    Status.NOT_FOUND,
                    "Unknown device",
                    "No device with endpoint '" + endpoint + "' has ever registered");
        }
        return DeviceView.of(
                device,
                values.latest(List.of(endpoint), LatestValues.FIRMWARE_VERSION).get(endpoint));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
