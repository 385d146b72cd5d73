package io.dmflow.api.group;

import io.dmflow.api.paging.Page;
import io.dmflow.api.paging.PageRequest;
import io.dmflow.api.problem.ProblemException;
import io.dmflow.api.property.PropertyValue;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Hierarchical device groups, their members and their properties. */
@Path("/api/groups")
@Produces(MediaType.APPLICATION_JSON)
public class GroupResource {

    @Inject
    Groups groups;

    @Inject
    Event<GroupMemberAdded> memberAdded;

    @GET
    @Operation(summary = "List groups", description = "Paged, ordered by path; prefix filters by path")
    public Page<String> list(
            @QueryParam("prefix") String prefix, @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest request = PageRequest.parse(page, size);
        PanacheQuery<DeviceGroup> query = prefix == null || prefix.isEmpty()
                ? DeviceGroup.findAll(Sort.by("path"))
                : DeviceGroup.find("path like ?1", Sort.by("path"), prefix.replace("%", "\\%") + "%");
        List<String> items = query.page(request.page(), request.size()).list().stream()
                .map(group -> group.path)
                .toList();
        return Page.of(items, request, query.count());
    }

    @PUT
    @Path("{path}")
    @Operation(
            summary = "Create a group",
            description = "Missing ancestors are created too; an existing group is left as it is")
    public Response put(@PathParam("path") String path) {
        GroupPath group = GroupPath.parse(path, "path");
        boolean created = groups.create(group);
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK)
                .entity(view(group))
                .build();
    }

    @GET
    @Path("{path}")
    @Operation(summary = "One group: sub-groups, member count and its own properties")
    @Transactional
    public GroupView get(@PathParam("path") String path) {
        GroupPath group = GroupPath.parse(path, "path");
        groups.require(group);
        return view(group);
    }

    @DELETE
    @Path("{path}")
    @Operation(
            summary = "Delete a group",
            description = "Refused while it has sub-groups; its memberships and properties go with it")
    @Transactional
    public void delete(@PathParam("path") String path) {
        GroupPath group = GroupPath.parse(path, "path");
        DeviceGroup entity = groups.require(group);
        List<String> children = groups.children(group);
        if (!children.isEmpty()) {
            throw ProblemException.conflict(
                    "Group has sub-groups", "Group " + group + " has sub-groups " + children + ": delete them first");
        }
        entity.delete();
    }

    @GET
    @Path("{path}/members")
    @Operation(summary = "The group's direct members", description = "Paged, ordered by endpoint")
    @Transactional
    public Page<String> members(
            @PathParam("path") String path, @QueryParam("page") String page, @QueryParam("size") String size) {
        GroupPath group = GroupPath.parse(path, "path");
        groups.require(group);
        PageRequest request = PageRequest.parse(page, size);
        PanacheQuery<GroupMember> query = GroupMember.find("groupPath", Sort.by("endpoint"), group.value());
        return Page.of(
                query.page(request.page(), request.size()).list().stream()
                        .map(member -> member.endpoint)
                        .toList(),
                request,
                query.count());
    }

    @PUT
    @Path("{path}/members/{endpoint}")
    @Operation(summary = "Add a device to the group", description = "The device gets the group's active tasks")
    @Transactional
    public Response addMember(@PathParam("path") String path, @PathParam("endpoint") String endpoint) {
        GroupPath group = GroupPath.parse(path, "path");
        groups.require(group);
        if (endpoint == null || endpoint.isBlank() || endpoint.length() > 255) {
            throw ProblemException.badRequest("Invalid endpoint", "an endpoint has 1 to 255 characters", "endpoint");
        }
        GroupMember.Key key = new GroupMember.Key();
        key.groupPath = group.value();
        key.endpoint = endpoint;
        if (GroupMember.findById(key) != null) {
            return Response.noContent().build();
        }
        GroupMember member = new GroupMember();
        member.groupPath = group.value();
        member.endpoint = endpoint;
        member.addedAt = Instant.now();
        member.persist();
        memberAdded.fire(new GroupMemberAdded(group.value(), endpoint));
        return Response.status(Response.Status.CREATED).build();
    }

    @DELETE
    @Path("{path}/members/{endpoint}")
    @Operation(summary = "Remove a device from the group", description = "Its executions already made stay")
    @Transactional
    public void removeMember(@PathParam("path") String path, @PathParam("endpoint") String endpoint) {
        GroupPath group = GroupPath.parse(path, "path");
        if (GroupMember.delete("groupPath = ?1 and endpoint = ?2", group.value(), endpoint) == 0) {
            throw ProblemException.notFound("Unknown member", endpoint + " is not a member of " + group);
        }
    }

    @GET
    @Path("{path}/properties")
    @Operation(summary = "The group's own properties")
    @Transactional
    public Map<String, String> properties(@PathParam("path") String path) {
        GroupPath group = GroupPath.parse(path, "path");
        groups.require(group);
        return ownProperties(group);
    }

    @PUT
    @Path("{path}/properties/{name}")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @Operation(
            summary = "Set a group property",
            description = "Inherited by members and sub-groups; the body is the value (text, or a JSON string)")
    @Transactional
    public Map<String, String> putProperty(
            @PathParam("path") String path,
            @PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            String body) {
        GroupPath group = GroupPath.parse(path, "path");
        groups.require(group);
        String value = PropertyValue.fromBody(body, contentType);
        GroupProperty.put(group.value(), PropertyValue.name(name), value, Instant.now());
        return Map.of(name, value);
    }

    @DELETE
    @Path("{path}/properties/{name}")
    @Operation(summary = "Remove a group property")
    @Transactional
    public void deleteProperty(@PathParam("path") String path, @PathParam("name") String name) {
        GroupPath group = GroupPath.parse(path, "path");
        if (GroupProperty.delete("groupPath = ?1 and name = ?2", group.value(), name) == 0) {
            throw ProblemException.notFound("Unknown property", "Group " + group + " has no property " + name);
        }
    }

    private GroupView view(GroupPath group) {
        DeviceGroup entity = DeviceGroup.findById(group.value());
        return new GroupView(
                group.value(),
                group.parent(),
                groups.children(group),
                GroupMember.count("groupPath", group.value()),
                ownProperties(group),
                entity.createdAt);
    }

    private static Map<String, String> ownProperties(GroupPath group) {
        Map<String, String> values = new TreeMap<>();
        GroupProperty.<GroupProperty>list("groupPath", group.value())
                .forEach(property -> values.put(property.name, property.value));
        return values;
    }
}
