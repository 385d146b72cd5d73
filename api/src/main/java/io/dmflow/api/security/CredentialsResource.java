package io.dmflow.api.security;

import io.dmflow.api.problem.ProblemException;
import io.dmflow.lwm2m.security.ClientCredentials;
import io.dmflow.lwm2m.security.CredentialStore;
import io.dmflow.lwm2m.security.DeviceSecurityStore;
import io.dmflow.lwm2m.security.DuplicateIdentityException;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * The DTLS credentials of a device, per server it presents them to ({@code management} or {@code bootstrap}).
 * Changes take effect at once: a device whose management credentials change or go must handshake and register anew.
 */
@Path("/api/devices/{endpoint}/credentials")
@Produces(MediaType.APPLICATION_JSON)
public class CredentialsResource {

    @Inject
    DeviceSecurityStore management;

    @Inject
    @Named("bootstrap")
    CredentialStore bootstrap;

    @Inject
    CredentialAuthors authors;

    @GET
    public List<CredentialView> list(@PathParam("endpoint") String endpoint) {
        List<CredentialView> views = new ArrayList<>();
        management.credentials(endpoint).ifPresent(c -> views.add(view(endpoint, CredentialScope.MANAGEMENT, c)));
        bootstrap.byEndpoint(endpoint).ifPresent(c -> views.add(view(endpoint, CredentialScope.BOOTSTRAP, c)));
        return views;
    }

    @GET
    @Path("/{scope}")
    public CredentialView get(@PathParam("endpoint") String endpoint, @PathParam("scope") String scopeName) {
        CredentialScope scope = CredentialScope.fromPath(scopeName);
        return (scope == CredentialScope.MANAGEMENT ? management.credentials(endpoint) : bootstrap.byEndpoint(endpoint))
                .map(c -> view(endpoint, scope, c))
                .orElseThrow(() -> notFound(endpoint, scope));
    }

    @PUT
    @Path("/{scope}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CredentialView put(
            @PathParam("endpoint") String endpoint, @PathParam("scope") String scopeName, CredentialRequest request) {
        CredentialScope scope = CredentialScope.fromPath(scopeName);
        if (request == null) {
            throw ProblemException.badRequest(
                    "Invalid credentials", "a JSON body with the credentials is required", "body");
        }
        ClientCredentials credentials = request.toCredentials(false);
        try {
            if (scope == CredentialScope.MANAGEMENT) {
                management.put(endpoint, credentials);
            } else {
                bootstrap.put(endpoint, credentials);
            }
        } catch (DuplicateIdentityException e) {
            throw new ProblemException(
                    Status.CONFLICT,
                    "Credentials already in use",
                    e.getMessage(),
                    credentials instanceof ClientCredentials.PskCredentials ? "identity" : "publicKey");
        }
        return CredentialView.of(scope, credentials).changedBy(authors.recordChange(endpoint, scope));
    }

    private CredentialView view(String endpoint, CredentialScope scope, ClientCredentials credentials) {
        return CredentialView.of(scope, credentials)
                .changedBy(authors.lastChangedBy(endpoint, scope).orElse(null));
    }

    @DELETE
    @Path("/{scope}")
    public void delete(@PathParam("endpoint") String endpoint, @PathParam("scope") String scopeName) {
        CredentialScope scope = CredentialScope.fromPath(scopeName);
        boolean removed = (scope == CredentialScope.MANAGEMENT
                        ? management.remove(endpoint)
                        : bootstrap.remove(endpoint))
                .isPresent();
        if (!removed) {
            throw notFound(endpoint, scope);
        }
    }

    private static ProblemException notFound(String endpoint, CredentialScope scope) {
        return new ProblemException(
                Status.NOT_FOUND,
                "No credentials",
                endpoint + " has no " + scope.column() + " credentials",
                "endpoint");
    }
}
