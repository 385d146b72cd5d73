package io.dmflow.api.bootstrap;

import io.dmflow.api.problem.ProblemException;
import io.dmflow.lwm2m.bootstrap.AssignmentRules;
import io.dmflow.lwm2m.bootstrap.BootstrapConfiguration;
import io.dmflow.lwm2m.bootstrap.ServerAssignment;
import io.dmflow.lwm2m.bootstrap.ServerDefinition;
import io.dmflow.lwm2m.operation.OperationFailure;
import io.dmflow.lwm2m.security.ClientCredentials;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A device's bootstrap configuration (the named servers it is given), its last session, and re-bootstrap. */
@Path("/api/devices/{endpoint}/bootstrap")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceBootstrapResource {

    @Inject
    NamedServers servers;

    @Inject
    BootstrapAssignments assignments;

    @Inject
    BootstrapSessions sessions;

    @Inject
    DeviceManagementServer managementServer;

    @GET
    public BootstrapConfigurationView get(@PathParam("endpoint") String endpoint) {
        BootstrapConfiguration configuration = assignments.forEndpoint(endpoint).orElse(null);
        var last = sessions.last(endpoint).orElse(null);
        if (configuration == null && last == null) {
            throw new ProblemException(
                    Status.NOT_FOUND,
                    "No bootstrap configuration",
                    endpoint + " has no bootstrap configuration",
                    "endpoint");
        }
        return BootstrapConfigurationView.of(endpoint, configuration, last);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public BootstrapConfigurationView put(
            @PathParam("endpoint") String endpoint, BootstrapConfigurationRequest request) {
        if (request == null || request.servers() == null || request.servers().isEmpty()) {
            throw ProblemException.badRequest(
                    "Invalid bootstrap configuration", "servers must name at least one LwM2M server", "servers");
        }
        List<ServerAssignment> assignments = new ArrayList<>();
        for (int i = 0; i < request.servers().size(); i++) {
            BootstrapConfigurationRequest.Entry entry = request.servers().get(i);
            String field = "servers[" + i + "]";
            if (entry == null || entry.server() == null || entry.server().isBlank()) {
                throw ProblemException.badRequest(
                        "Invalid bootstrap configuration", field + ".server is required", field + ".server");
            }
            ServerDefinition server = servers.find(entry.server())
                    .map(StoredServer::definition)
                    .orElseThrow(() -> ProblemException.badRequest(
                            "Unknown server",
                            "no LwM2M server named " + entry.server() + " (define it under /api/servers first)",
                            field + ".server"));
            ClientCredentials credentials =
                    entry.credentials() == null ? null : entry.credentials().toCredentials(true);
            ServerAssignment assignment =
                    new ServerAssignment(server.name(), java.util.Optional.ofNullable(credentials));
            try {
                AssignmentRules.check(endpoint, server, assignment);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(
                        "Invalid bootstrap configuration", e.getMessage(), field + ".credentials");
            }
            assignments.add(assignment);
        }
        BootstrapConfiguration configuration;
        try {
            configuration = new BootstrapConfiguration(endpoint, assignments);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Invalid bootstrap configuration", e.getMessage(), "servers");
        }
        this.assignments.put(configuration);
        return BootstrapConfigurationView.of(
                endpoint, configuration, sessions.last(endpoint).orElse(null));
    }

    @DELETE
    public void delete(@PathParam("endpoint") String endpoint) {
        if (!assignments.remove(endpoint)) {
            throw new ProblemException(
                    Status.NOT_FOUND,
                    "No bootstrap configuration",
                    endpoint + " has no bootstrap configuration",
                    "endpoint");
        }
    }

    /**
     * Re-bootstrap: executes the device's Bootstrap-Request Trigger (/1/x/9); the device then bootstraps again and is
     * given its configuration as it is now. 202 once the device accepted the trigger.
     */
    @POST
    @Path("/trigger")
    public Response trigger(@PathParam("endpoint") String endpoint) {
        try {
            managementServer.bootstrapTrigger().trigger(endpoint).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OperationFailure failure) {
                throw new ProblemException(
                        Status.CONFLICT, "Re-bootstrap not possible", failure.getMessage(), "endpoint");
            }
            throw new IllegalStateException("Re-bootstrap of " + endpoint + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new ProblemException(
                    Status.GATEWAY_TIMEOUT,
                    "Re-bootstrap not confirmed",
                    endpoint + " did not answer the Bootstrap-Request Trigger in time",
                    "endpoint");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return Response.accepted(Map.of("endpoint", endpoint, "triggered", true))
                .build();
    }
}
