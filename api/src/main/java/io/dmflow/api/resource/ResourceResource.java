package io.dmflow.api.resource;

import io.dmflow.api.paging.Page;
import io.dmflow.api.paging.PageRequest;
import io.dmflow.api.problem.BodyLimits;
import io.dmflow.api.problem.ProblemException;
import io.dmflow.api.property.PropertyValue;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
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
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/** Stored files: uploaded and downloaded as streams, never held whole in memory. */
@Path("/api/resources")
@Produces(MediaType.APPLICATION_JSON)
public class ResourceResource {

    private static final Logger LOG = Logger.getLogger(ResourceResource.class);
    private static final Pattern ID = Pattern.compile("[^/\\\\\\p{Cntrl}]{1,255}");

    @Inject
    ResourceChunks chunks;

    @Inject
    BodyLimits limits;

    @GET
    @Operation(summary = "List stored files", description = "Paged, ordered by id; filter by category and id prefix")
    public Page<ResourceView> list(
            @QueryParam("category") String category,
            @QueryParam("idPrefix") String idPrefix,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        PageRequest request = PageRequest.parse(page, size);
        String pattern = ResourceStore.prefixPattern(idPrefix == null ? "" : idPrefix);
        PanacheQuery<StoredResource> query = category == null || category.isBlank()
                ? StoredResource.find("id like ?1 escape '\\'", Sort.by("id"), pattern)
                : StoredResource.find("id like ?1 escape '\\' and category = ?2", Sort.by("id"), pattern, category);
        List<ResourceView> items = query.page(request.page(), request.size()).list().stream()
                .map(ResourceResource::view)
                .toList();
        return Page.of(items, request, query.count());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One stored file: size, SHA-256, category, expiry and properties")
    public ResourceView get(@PathParam("id") String id) {
        return view(require(id));
    }

    @PUT
    @Path("{id}/data")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Upload a file",
            description =
                    "The body is the file, streamed; creates the resource or replaces its bytes. 413 above dmflow.resources.max-bytes")
    public Response upload(
            @PathParam("id") String id,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("category") String category,
            @QueryParam("expiresAt") String expiresAt,
            InputStream body)
            throws IOException {
        checkId(id);
        Instant expiry = expiry(expiresAt);
        // A declared Content-Length over the limit never gets here (DeclaredBodyLength); a chunked body is cut here.
        BodyLimits.Limit limit = limits.uploads();
        ResourceChunks.Written written;
        try {
            written = chunks.write(id, body, contentType, limit.bytes());
        } catch (ResourceChunks.TooLarge e) {
            throw limit.exceeded();
        } catch (ResourceChunks.BrokenOff e) {
            // The client is usually gone and never reads this answer; the log tells the operator what happened.
            LOG.warn(e.getMessage() + "; nothing was stored");
            throw ProblemException.badRequest("Upload broke off", e.getMessage() + "; nothing was stored", "data");
        }
        describe(id, category, expiry);
        return Response.status(written.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(view(require(id)))
                .build();
    }

    @GET
    @Path("{id}/data")
    @Produces(MediaType.WILDCARD)
    @Operation(
            summary = "Download a file",
            description = "Streamed; a Range header (bytes=from-to) gives part of it, so a device can resume a pull")
    public Response download(@PathParam("id") String id, @HeaderParam("Range") String range) {
        StoredResource resource = require(id);
        Optional<ByteRange> part;
        try {
            part = ByteRange.parse(range, resource.sizeBytes);
        } catch (ByteRange.NotSatisfiable e) {
            return e.answer("/api/resources/" + id + "/data");
        }
        long start = part.map(ByteRange::from).orElse(0L);
        long length = part.map(ByteRange::length).orElse(resource.sizeBytes);
        StreamingOutput stream = out -> chunks.copy(id, out, start, length);
        Response.ResponseBuilder response = Response.status(part.isPresent() ? 206 : 200)
                .entity(stream)
                .type(resource.contentType == null ? MediaType.APPLICATION_OCTET_STREAM : resource.contentType)
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header("ETag", "\"" + resource.sha256 + "\"");
        part.ifPresent(bytes -> response.header("Content-Range", bytes.contentRange()));
        return response.build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a stored file")
    @Transactional
    public void delete(@PathParam("id") String id) {
        require(id).delete();
    }

    @PUT
    @Path("{id}/properties/{name}")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @Operation(
            summary = "Set a property of a stored file",
            description = "The body is the value: text, or a JSON string")
    @Transactional
    public ResourceView putProperty(
            @PathParam("id") String id,
            @PathParam("name") String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            String body) {
        require(id);
        String value = PropertyValue.fromBody(body, contentType);
        ResourceProperty.put(id, PropertyValue.name(name), value);
        return view(require(id));
    }

    @DELETE
    @Path("{id}/properties/{name}")
    @Operation(summary = "Remove a property of a stored file")
    @Transactional
    public void deleteProperty(@PathParam("id") String id, @PathParam("name") String name) {
        if (ResourceProperty.delete("resourceId = ?1 and name = ?2", id, name) == 0) {
            throw ProblemException.notFound("Unknown property", "Resource " + id + " has no property " + name);
        }
    }

    @Transactional
    void describe(String id, String category, Instant expiry) {
        StoredResource resource = require(id);
        if (category != null) {
            resource.category = category.isBlank() ? null : category;
        }
        if (expiry != null) {
            resource.expiresAt = expiry;
        }
    }

    static ResourceView view(StoredResource resource) {
        Map<String, String> properties = new TreeMap<>();
        ResourceProperty.<ResourceProperty>list("resourceId", resource.id)
                .forEach(property -> properties.put(property.name, property.value));
        return new ResourceView(
                resource.id,
                resource.sizeBytes,
                resource.sha256,
                resource.contentType,
                resource.category,
                resource.expiresAt,
                resource.createdAt,
                resource.updatedAt,
                properties);
    }

    static StoredResource require(String id) {
        StoredResource resource = StoredResource.findById(id);
        if (resource == null) {
            throw ProblemException.notFound("Unknown resource", "There is no resource " + id);
        }
        return resource;
    }

    private static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ProblemException.badRequest(
                    "Invalid resource id",
                    "a resource id has 1 to 255 characters, without '/', '\\' or control characters",
                    "id");
        }
    }

    private static Instant expiry(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(
                    "Invalid query parameter",
                    "expiresAt must be an ISO-8601 instant such as 2027-01-01T00:00:00Z, was " + text,
                    "expiresAt");
        }
    }
}
