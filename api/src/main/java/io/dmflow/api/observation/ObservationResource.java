package io.dmflow.api.observation;

import io.dmflow.lwm2m.observation.ObservationRecords;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The observations dmflow holds on a device: the paths it asked the device to notify, as recorded when the device
 * accepted the Observe and forgotten when it is cancelled. The values they bring are the data model cache
 * ({@link DeviceValueResource}).
 */
@Path("/api/devices/{endpoint}/observations")
@Produces(MediaType.APPLICATION_JSON)
public class ObservationResource {

    @Inject
    ObservationRecords records;

    @GET
    @Operation(
            summary = "The paths observed on a device",
            description =
                    "Observations started by tasks, flows or the observe operation, ordered by path; they outlive restarts of dmflow")
    public List<ObservationView> observed(@PathParam("endpoint") String endpoint) {
        DeviceValueResource.requireDevice(endpoint);
        return records.observedPaths(endpoint).stream()
                .map(ObservationView::new)
                .toList();
    }

    /** One observation as the REST API shows it. */
    public record ObservationView(String path) {}
}
