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
import jakarta.ws.rs.PUT;
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
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The users who may sign in: admins manage them (as {@link AccessRules} says); a user changes their own password. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}");
    private static final String INVALID = "Invalid user";

    @Inject
    Users users;

    @Inject
    PasswordHashing passwords;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @GET
    @Operation(summary = "List users", description = "By name; never a password")
    public Page<UserView> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = PageRequest.parse(page, size);
        return Page.of(
                users.page(request.page(), request.size()).stream()
                        .map(UserView::of)
                        .toList(),
                request,
                users.count());
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One user")
    public UserView get(@PathParam("name") String name) {
        return UserView.of(require(name));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a user",
            description =
                    "name (letters, digits, _ . @ -), password (8 to 72 bytes), role: viewer (default), operator or admin")
    public Response create(String body) {
        JsonBody request = JsonBody.parse(json, body, INVALID, Set.of("name", "password", "role"));
        String name = request.requiredText("name", 100);
        if (!NAME.matcher(name).matches()) {
            throw request.invalid(
                    "name must have 1 to 100 letters, digits, '_', '.', '@' or '-', and start with a "
                            + "letter or digit",
                    "name");
        }
        String password = checkedPassword(request, request.requiredText("password", 1000));
        Role role = request.text("role", 16, Role::parse).orElse(Role.VIEWER);
        Instant now = Instant.now();
        User user = new User(name, passwords.hash(password), role, now, now, caller.name());
        if (!users.create(user)) {
            throw ProblemException.conflict(
                    "User exists", "There is a user " + name + " already; change it with " + "PUT /api/users/" + name);
        }
        return Response.created(URI.create("/api/users/" + name))
                .entity(UserView.of(user))
                .build();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change a user's password or role",
            description =
                    "An admin: password and/or role of any user; the last admin keeps the admin role. Any user: their own password, with currentPassword")
    public UserView update(@PathParam("name") String name, String body) {
        JsonBody request = JsonBody.parse(json, body, INVALID, Set.of("password", "role", "currentPassword"));
        boolean admin = caller.role().filter(role -> role == Role.ADMIN).isPresent();
        User current = admin ? require(name) : ownAccount(name, request);
        if (!request.has("password") && !request.has("role")) {
            throw request.invalid("give a new password, a new role or both", "body");
        }
        String hash = request.has("password")
                ? passwords.hash(checkedPassword(request, request.requiredText("password", 1000)))
                : current.passwordHash();
        Role role = request.text("role", 16, Role::parse).orElse(current.role());
        if (current.role() == Role.ADMIN && role != Role.ADMIN) {
            requireAnotherAdmin(name);
        }
        User changed = new User(name, hash, role, current.createdAt(), Instant.now(), current.createdBy());
        users.save(changed);
        return UserView.of(changed);
    }

    @DELETE
    @Path("{name}")
    @Operation(
            summary = "Remove a user",
            description = "Their API tokens go with them; the last admin cannot be removed")
    public void delete(@PathParam("name") String name) {
        User user = require(name);
        if (user.role() == Role.ADMIN) {
            requireAnotherAdmin(name);
        }
        users.delete(name);
    }

    /**
     * A user who is not an admin changes only their own password, and proves they know the current one, so that a
     * token alone cannot take the account over.
     */
    private User ownAccount(String name, JsonBody request) {
        if (!name.equals(caller.name())) {
            throw new ProblemException(Status.FORBIDDEN, "Forbidden", "only an admin changes other users", "name");
        }
        if (request.has("role")) {
            throw new ProblemException(Status.FORBIDDEN, "Forbidden", "only an admin changes roles", "role");
        }
        User current = require(name);
        String given = request.text("currentPassword", 1000)
                .orElseThrow(() ->
                        request.invalid("currentPassword is required to change your own password", "currentPassword"));
        if (!passwords.matches(current.passwordHash(), given)) {
            throw request.invalid("currentPassword is not your current password", "currentPassword");
        }
        return current;
    }

    private void requireAnotherAdmin(String name) {
        if (users.admins() <= 1) {
            throw ProblemException.conflict(
                    "Last admin",
                    name + " is the only admin: make another user admin "
                            + "first, or nobody could manage users any more");
        }
    }

    private static String checkedPassword(JsonBody request, String password) {
        String weakness = PasswordHashing.weakness(password);
        if (weakness != null) {
            throw request.invalid(weakness, "password");
        }
        return password;
    }

    private User require(String name) {
        return users.find(name)
                .orElseThrow(() -> ProblemException.notFound("Unknown user", "There is no user " + name));
    }
}
