package io.dmflow.api.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dmflow.api.paging.Page;
import io.dmflow.api.paging.PageRequest;
import io.dmflow.api.problem.JsonBody;
import io.dmflow.api.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * API tokens for {@code Authorization: Bearer}. Every signed-in user makes, lists and revokes their own; an admin
 * also those of any user. Another user's token is, to a non-admin, a token that does not exist.
 */
@Path("/api/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    private static final String INVALID = "Invalid token request";

    @Inject
    ApiTokens tokens;

    @Inject
    Users users;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @GET
    @Operation(
            summary = "List API tokens",
            description = "The caller's own; an admin sees every user's, or one user's with user=")
    public Page<TokenView> list(
            @QueryParam("user") String user, @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = PageRequest.parse(page, size);
        String owner;
        if (isAdmin()) {
            owner = user == null || user.isBlank() ? null : user;
        } else {
            if (user != null && !user.isBlank() && !user.equals(caller.name())) {
                throw new ProblemException(
                        Status.FORBIDDEN, "Forbidden", "only an admin lists the tokens of other users", "user");
            }
            owner = caller.name();
        }
        return Page.of(
                tokens.page(owner, request.page(), request.size()).stream()
                        .map(TokenView::of)
                        .toList(),
                request,
                tokens.count(owner));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One API token", description = "Never its secret")
    public TokenView get(@PathParam("id") String id) {
        return TokenView.of(require(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Make an API token",
            description =
                    "name; role (at most the owner's, default the owner's); expiresAt (ISO-8601, default never); user (admins only: for another user). The answer holds the token, shown this once")
    public Response create(String body) {
        JsonBody request = JsonBody.parse(json, body, INVALID, Set.of("name", "role", "expiresAt", "user"));
        String name = request.requiredText("name", 200);
        String ownerName = request.text("user", 100).orElse(caller.name());
        if (!ownerName.equals(caller.name()) && !isAdmin()) {
            throw new ProblemException(
                    Status.FORBIDDEN, "Forbidden", "only an admin makes tokens for other users", "user");
        }
        User owner = users.find(ownerName).orElseThrow(() -> request.invalid("there is no user " + ownerName, "user"));
        Role ceiling = ownerName.equals(caller.name())
                ? caller.role().orElse(owner.role()).atMost(owner.role())
                : owner.role();
        Role role = request.text("role", 16, Role::parse).orElse(ceiling);
        if (!ceiling.includes(role)) {
            throw request.invalid("a token of " + ownerName + " can have at most the role " + ceiling.id(), "role");
        }
        Instant expiresAt = request.instant("expiresAt").orElse(null);
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw request.invalid("expiresAt must be in the future, was " + expiresAt, "expiresAt");
        }
        ApiTokens.Issued issued = tokens.issue(owner.name(), name, role, expiresAt);
        return Response.created(URI.create("/api/tokens/" + issued.token().id()))
                .entity(TokenView.of(issued.token(), issued.secret()))
                .build();
    }

    @DELETE
    @Path("{id}")
    @Operation(
            summary = "Revoke an API token",
            description = "It is refused from the next request on; it stays listed as revoked")
    public void revoke(@PathParam("id") String id) {
        tokens.revoke(require(id).id());
    }

    private ApiToken require(String id) {
        return tokens.find(id)
                .filter(token -> isAdmin() || token.owner().equals(caller.name()))
                .orElseThrow(() -> ProblemException.notFound("Unknown token", "You have no API token " + id));
    }

    private boolean isAdmin() {
        return caller.role().filter(role -> role == Role.ADMIN).isPresent();
    }
}
