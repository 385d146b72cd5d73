package io.dmflow.api.bootstrap;

import io.dmflow.api.problem.ProblemException;
import io.dmflow.lwm2m.bootstrap.BootstrapServer;
import io.dmflow.lwm2m.bootstrap.ServerDefinition;
import io.dmflow.lwm2m.bootstrap.ServerKind;
import io.dmflow.lwm2m.server.DeviceManagementServer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;

/** LwM2M servers known by name, which devices' bootstrap configurations refer to. */
@Path("/api/servers")
@Produces(MediaType.APPLICATION_JSON)
public class ServerResource {

    @Inject
    NamedServers servers;

    @Inject
    DeviceManagementServer managementServer;

    @Inject
    BootstrapServer bootstrapServer;

    @GET
    public List<ServerView> list() {
        return servers.all().stream()
                .map(s -> ServerView.of(s.definition(), s.provisionCredentials()))
                .toList();
    }

    @GET
    @Path("/{name}")
    public ServerView get(@PathParam("name") String name) {
        return servers.find(name)
                .map(s -> ServerView.of(s.definition(), s.provisionCredentials()))
                .orElseThrow(() -> notFound(name));
    }

    /**
     * Creates or replaces a server. An RPK server without {@code serverPublicKey} is taken to be dmflow's own, and
     * gets the public key of dmflow's management (or bootstrap) server.
     */
    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ServerView put(@PathParam("name") String name, ServerRequest request) {
        if (request == null) {
            throw ProblemException.badRequest(
                    "Invalid server", "a JSON body describing the server is required", "body");
        }
        boolean bootstrap =
                request.kind() != null && ServerKind.BOOTSTRAP.name().equalsIgnoreCase(request.kind());
        ServerDefinition server = request.toDefinition(
                name, bootstrap ? bootstrapServer.serverPublicKey() : managementServer.serverPublicKey());
        boolean provision = request.provisionCredentials() == null || request.provisionCredentials();
        servers.put(server, provision);
        return ServerView.of(server, provision);
    }

    @DELETE
    @Path("/{name}")
    public void delete(@PathParam("name") String name) {
        if (!servers.exists(name)) {
            throw notFound(name);
        }
        List<String> users = servers.delete(name);
        if (!users.isEmpty()) {
            throw new ProblemException(
                    Status.CONFLICT,
                    "Server in use",
                    "the bootstrap configurations of " + String.join(", ", users) + " name server " + name
                            + "; change them first",
                    "name");
        }
    }

    private static ProblemException notFound(String name) {
        return new ProblemException(Status.NOT_FOUND, "No such server", "no LwM2M server named " + name, "name");
    }
}
