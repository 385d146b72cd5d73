package io.dmflow.api.property;

import io.dmflow.api.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A device's properties: its own, and those it inherits from its groups. */
@Path("/api/devices/{endpoint}/properties")
@Produces(MediaType.APPLICATION_JSON)
public class DevicePropertyResource {

    @Inject
    EffectiveProperties effective;

    @Inject
    DevicePropertyStore store;

    @GET
    @Operation(
            summary = "A device's properties",
            description =
                    "Effective values, sorted by name, each with its source: the device, or the group it is inherited from")
    public Map<String, EffectiveProperties.Origin> list(@PathParam("endpoint") String endpoint) {
        return effective.origins(endpoint);
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One effective property of a device")
    public EffectiveProperties.Origin get(@PathParam("endpoint") String endpoint, @PathParam("name") String name) {
        EffectiveProperties.Origin origin = effective.origins(endpoint).get(name);
        if (origin == null) {
            throw ProblemException.notFound("Unknown property", "Device " + endpoint + " has no property " + name);
        }
        return origin;
    }

    @PUT
    @Path("{name}")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @Operation(
            summary = "Set a device's own property",
            description = "The body is the value: plain text, or a JSON string")
    public EffectiveProperties.Origin put(
            @PathParam("endpoint") String endpoint,
            @PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            String body) {
        String value = PropertyValue.fromBody(body, contentType);
        store.set(endpoint, PropertyValue.name(name), value);
        return new EffectiveProperties.Origin(value, "device");
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Remove a device's own property", description = "A value inherited from a group shows again")
    public void delete(@PathParam("endpoint") String endpoint, @PathParam("name") String name) {
        if (!store.delete(endpoint, name)) {
            throw ProblemException.notFound("Unknown property", "Device " + endpoint + " has no own property " + name);
        }
    }
}
