package io.dmflow.lwm2m.operation;

import io.dmflow.lwm2m.value.PlainValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.leshan.core.link.attributes.Attribute;
import org.eclipse.leshan.core.link.lwm2m.LwM2mLink;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.CreateRequest;
import org.eclipse.leshan.core.request.DeleteRequest;
import org.eclipse.leshan.core.request.DiscoverRequest;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ReadCompositeRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteAttributesRequest;
import org.eclipse.leshan.core.request.WriteCompositeRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.core.request.argument.InvalidArgumentException;
import org.eclipse.leshan.core.request.exception.InvalidRequestException;
import org.eclipse.leshan.core.response.CreateResponse;
import org.eclipse.leshan.core.response.DiscoverResponse;
import org.eclipse.leshan.server.LeshanServer;

/**
 * The LwM2M requests behind {@link DeviceClient}, built from plain values and sent through the {@link Downlink};
 * besides, the block-wise Write packages are pushed with.
 */
public final class DeviceOperations implements DeviceClient {

    private final Downlink downlink;
    private final RequestValues values;

    public DeviceOperations(LeshanServer leshan, LwM2mModel model, Downlink downlink) {
        this.downlink = downlink;
        this.values = new RequestValues(leshan, model);
    }

    @Override
    public CompletableFuture<ReadResult> read(String endpoint, String key, DataFormat format) {
        return downlink.attempt(endpoint, () -> {
            LwM2mPath path = downlink.path(endpoint, key);
            ReadRequest request =
                    new ReadRequest(format == null ? null : ContentFormat.fromCode(format.code()), path, null);
            return downlink.send(endpoint, "Read " + path, request)
                    .thenApply(response -> result(path, response.getContent()));
        });
    }

    private static ReadResult result(LwM2mPath path, LwM2mNode node) {
        return new ReadResult(path.toString(), PlainValues.of(node));
    }

    @Override
    public CompletableFuture<Void> write(String endpoint, String key, Object value, WriteMode mode) {
        return downlink.attempt(endpoint, () -> {
            LwM2mPath path = downlink.path(endpoint, key);
            WriteRequest request = values.writeRequest(endpoint, path, value, mode, null);
            return downlink.send(endpoint, "Write " + path, request).thenApply(response -> null);
        });
    }

    /** Writes opaque bytes to a resource, block-wise when they exceed one CoAP block. */
    public CompletableFuture<Void> writeBlockwise(String endpoint, String key, byte[] bytes) {
        return downlink.attempt(endpoint, () -> {
            LwM2mPath path = downlink.path(endpoint, key);
            WriteRequest request = new WriteRequest(
                    WriteRequest.Mode.REPLACE,
                    ContentFormat.OPAQUE,
                    path,
                    LwM2mSingleResource.newBinaryResource(path.getResourceId(), bytes));
            return downlink.send(
                            endpoint,
                            "Write " + path,
                            request,
                            downlink.timeouts().blockTransfer())
                    .thenApply(response -> null);
        });
    }

    @Override
    public CompletableFuture<Void> execute(String endpoint, String key, String arguments) {
        return downlink.attempt(endpoint, () -> {
            LwM2mPath path = downlink.path(endpoint, key);
            values.requireResource(endpoint, key, path);
            Arguments parsed;
            try {
                parsed = arguments == null || arguments.isBlank()
                        ? Arguments.emptyArguments()
                        : Arguments.parse(arguments);
            } catch (InvalidArgumentException e) {
                throw new InvalidOperation(
                        endpoint, "Invalid arguments '" + arguments + "' for " + key + ": " + e.getMessage(), e);
            }
            ExecuteRequest request = new ExecuteRequest(path.toString(), parsed);
            return downlink.send(endpoint, "Execute " + path, request).thenApply(response -> null);
        });
    }

    @Override
    public CompletableFuture<List<DiscoveredLink>> discover(String endpoint, String key) {
        return downlink.attempt(endpoint, () -> {
            LwM2mPath path = downlink.path(endpoint, key);
            DiscoverRequest request = new DiscoverRequest(path.toString());
            return downlink.send(endpoint, "Discover " + path, request).thenApply(DeviceOperations::links);
        });
    }

    @Override
    public CompletableFuture<Void> writeAttributes(String endpoint, String key, NotificationAttributes attributes) {
        return downlink.attempt(endpoint, () -> {
            LwM2mPath path = downlink.path(endpoint, key);
            if (attributes.isEmpty()) {
                throw new InvalidOperation(endpoint, "Write-Attributes on " + key + " names no attribute", null);
            }
            WriteAttributesRequest request;
            try {
                request = new WriteAttributesRequest(path, attributes.toAttributeSet());
            } catch (InvalidRequestException | IllegalArgumentException e) {
                throw new InvalidOperation(endpoint, "Attributes not allowed on " + key + ": " + e.getMessage(), e);
            }
            return downlink.send(endpoint, "Write-Attributes " + path, request).thenApply(response -> null);
        });
    }

    @Override
    public CompletableFuture<String> create(String endpoint, String key, Map<String, Object> resourceValues) {
        return downlink.attempt(endpoint, () -> {
            LwM2mPath path = downlink.path(endpoint, key);
            if (!path.isObject() && !path.isObjectInstance()) {
                throw new InvalidOperation(endpoint, "Create needs an object or object instance key, not " + key, null);
            }
            LwM2mPath objectPath = new LwM2mPath(path.getObjectId());
            Integer instanceId = path.isObjectInstance() ? path.getObjectInstanceId() : null;
            List<LwM2mResource> resources = values.resources(endpoint, path.getObjectId(), resourceValues);
            CreateRequest request;
            try {
                request = instanceId == null
                        ? new CreateRequest(null, path.getObjectId(), resources)
                        : new CreateRequest(null, path.getObjectId(), new LwM2mObjectInstance(instanceId, resources));
            } catch (InvalidRequestException e) {
                throw new InvalidOperation(endpoint, "Cannot create " + key + ": " + e.getMessage(), e);
            }
            return downlink.send(endpoint, "Create " + objectPath, request)
                    .thenApply(response -> createdPath(objectPath, instanceId, response));
        });
    }

    @Override
    public CompletableFuture<Void> delete(String endpoint, String key) {
        return downlink.attempt(endpoint, () -> {
            LwM2mPath path = downlink.path(endpoint, key);
            if (!path.isObjectInstance()) {
                throw new InvalidOperation(endpoint, "Delete needs an object instance key, not " + key, null);
            }
            return downlink.send(endpoint, "Delete " + path, new DeleteRequest(path.toString()))
                    .thenApply(response -> null);
        });
    }

    @Override
    public CompletableFuture<Map<String, ReadResult>> readComposite(String endpoint, List<String> keys) {
        return downlink.attempt(endpoint, () -> {
            List<LwM2mPath> paths =
                    keys.stream().map(key -> downlink.path(endpoint, key)).toList();
            ReadCompositeRequest request =
                    new ReadCompositeRequest(paths, ContentFormat.SENML_JSON, ContentFormat.SENML_JSON, null);
            return downlink.send(endpoint, "Read-Composite " + paths, request).thenApply(response -> {
                Map<String, ReadResult> results = new LinkedHashMap<>();
                response.getContent().forEach((path, node) -> {
                    if (node != null) {
                        results.put(path.toString(), result(path, node));
                    }
                });
                return results;
            });
        });
    }

    @Override
    public CompletableFuture<Void> writeComposite(String endpoint, Map<String, Object> resourceValues) {
        return downlink.attempt(endpoint, () -> {
            Map<LwM2mPath, LwM2mNode> nodes = new LinkedHashMap<>();
            resourceValues.forEach((key, value) -> {
                LwM2mPath path = downlink.path(endpoint, key);
                nodes.put(path, values.resourceNode(endpoint, path, value));
            });
            WriteCompositeRequest request = new WriteCompositeRequest(ContentFormat.SENML_JSON, nodes, null);
            return downlink.send(endpoint, "Write-Composite " + nodes.keySet(), request)
                    .thenApply(response -> null);
        });
    }

    private static String createdPath(LwM2mPath objectPath, Integer instanceId, CreateResponse response) {
        if (response.getLocation() != null && !response.getLocation().isBlank()) {
            String location = response.getLocation();
            return location.startsWith("/") ? location : "/" + location;
        }
        return instanceId == null
                ? objectPath.toString()
                : new LwM2mPath(objectPath.getObjectId(), instanceId).toString();
    }

    private static List<DiscoveredLink> links(DiscoverResponse response) {
        List<DiscoveredLink> links = new ArrayList<>();
        for (LwM2mLink link : response.getObjectLinks()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (Attribute attribute : link.getAttributes()) {
                attributes.put(attribute.getName(), attribute.hasValue() ? attribute.getCoreLinkValue() : null);
            }
            links.add(new DiscoveredLink(link.getPath().toString(), attributes));
        }
        return links;
    }
}
