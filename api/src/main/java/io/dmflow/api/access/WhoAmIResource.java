package io.dmflow.api.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Who the caller is, as dmflow sees them: a client (the console) shows the signed-in user and offers only what their
 * role may do, without probing other endpoints for refusals.
 */
@Path("/api/whoami")
@Produces(MediaType.APPLICATION_JSON)
public class WhoAmIResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    Caller caller;

    @GET
    @Operation(
            summary = "The signed-in caller",
            description =
                    "name; role (the highest one: viewer, operator or admin; a token's is at most its owner's); via (password, token, application, or absent for an OIDC token); tokenId when an API token signed in")
    public CallerView whoAmI() {
        // The access rules let only an authenticated caller with a dmflow role get here.
        Role role = caller.role()
                .orElseThrow(
                        () -> new IllegalStateException("a caller without a dmflow role passed " + "the access rules"));
        return new CallerView(
                caller.name(),
                role.id(),
                identity.getAttribute(Identities.VIA),
                identity.getAttribute(Identities.TOKEN_ID));
    }

    /** The caller as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CallerView(String name, String role, String via, String tokenId) {}
}
