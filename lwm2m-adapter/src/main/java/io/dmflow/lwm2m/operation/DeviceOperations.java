package io.dmflow.lwm2m.operation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.eclipse.leshan.core.link.lwm2m.LwM2mLink;
import org.eclipse.leshan.core.link.attributes.Attribute;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mResourceInstance;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.CancelObservationRequest;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.CreateRequest;
import org.eclipse.leshan.core.request.DeleteRequest;
import org.eclipse.leshan.core.request.DiscoverRequest;
import org.eclipse.leshan.core.request.DownlinkDeviceManagementRequest;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadCompositeRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteAttributesRequest;
import org.eclipse.leshan.core.request.WriteCompositeRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.core.request.argument.InvalidArgumentException;
import org.eclipse.leshan.core.request.exception.ClientSleepingException;
import org.eclipse.leshan.core.request.exception.InvalidRequestException;
import org.eclipse.leshan.core.request.exception.RequestCanceledException;
import org.eclipse.leshan.core.request.exception.SendFailedException;
import org.eclipse.leshan.core.request.exception.TimeoutException;
import org.eclipse.leshan.core.request.exception.UnconnectedPeerException;
import org.eclipse.leshan.core.response.CreateResponse;
import org.eclipse.leshan.core.response.DiscoverResponse;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.core.response.ReadCompositeResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.registration.Registration;

import io.dmflow.lwm2m.key.KeyResolver;
import io.dmflow.lwm2m.key.UnknownKeyException;
import io.dmflow.lwm2m.observation.ObservationRecords;
import io.dmflow.lwm2m.operation.DownlinkFailure.Reason;
import io.dmflow.lwm2m.pacing.DevicePacing;
import io.dmflow.lwm2m.value.ResourceValues;
import io.dmflow.lwm2m.value.ValueException;

/**
 * Every LwM2M operation dmflow performs on a device, addressed by endpoint and key. Results and
 * failures arrive asynchronously; a failure is always an {@link OperationFailure}. Requests to one
 * device are paced by {@link DevicePacing}.
 */
public final class DeviceOperations {

    public enum WriteMode {
        /** Write replaces the whole instance or resource. */
        REPLACE,
        /** Write updates only the resources given. */
        UPDATE
    }

    private final LeshanServer leshan;
    private final LwM2mModel model;
    private final KeyResolver keys;
    private final DevicePacing pacing;
    private final OperationTimeouts timeouts;
    private final ObservationRecords observations;

    public DeviceOperations(LeshanServer leshan, LwM2mModel model, DevicePacing pacing, OperationTimeouts timeouts,
            ObservationRecords observations) {
        this.leshan = leshan;
        this.model = model;
        this.keys = new KeyResolver(model);
        this.pacing = pacing;
        this.timeouts = timeouts;
        this.observations = observations;
    }

    /** The LwM2M path a key names; an {@link InvalidOperation} if it names nothing known. */
    public LwM2mPath path(String endpoint, String key) {
        try {
            return keys.resolve(key);
        } catch (UnknownKeyException e) {
            throw new InvalidOperation(endpoint, e.getMessage(), e);
        }
    }

    public CompletableFuture<ReadResult> read(String endpoint, String key, Optional<ContentFormat> format) {
        return attempt(endpoint, () -> {
            LwM2mPath path = path(endpoint, key);
            ReadRequest request = new ReadRequest(format.orElse(null), path, null);
            return send(endpoint, "Read " + path, request, timeouts.request())
                    .thenApply(response -> new ReadResult(path, response.getContent()));
        });
    }

    /**
     * Writes {@code value} to a resource (a plain value, or a map/list for a multiple resource), a
     * resource instance, or an object instance (a map from resource id or name to value).
     */
    public CompletableFuture<Void> write(String endpoint, String key, Object value, WriteMode mode) {
        return attempt(endpoint, () -> {
            LwM2mPath path = path(endpoint, key);
            WriteRequest request = writeRequest(endpoint, path, value, mode, null);
            return send(endpoint, "Write " + path, request, timeouts.request()).thenApply(response -> null);
        });
    }

    /** Writes opaque bytes to a resource, block-wise when they exceed one CoAP block. */
    public CompletableFuture<Void> writeBlockwise(String endpoint, String key, byte[] bytes) {
        return attempt(endpoint, () -> {
            LwM2mPath path = path(endpoint, key);
            WriteRequest request = new WriteRequest(WriteRequest.Mode.REPLACE, ContentFormat.OPAQUE, path,
                    org.eclipse.leshan.core.node.LwM2mSingleResource.newBinaryResource(path.getResourceId(), bytes));
            return send(endpoint, "Write " + path, request, timeouts.blockTransfer()).thenApply(response -> null);
        });
    }

    public CompletableFuture<Void> execute(String endpoint, String key, String arguments) {
        return attempt(endpoint, () -> {
            LwM2mPath path = path(endpoint, key);
            requireResource(endpoint, key, path);
            Arguments parsed;
            try {
                parsed = arguments == null || arguments.isBlank() ? Arguments.emptyArguments()
                        : Arguments.parse(arguments);
            } catch (InvalidArgumentException e) {
                throw new InvalidOperation(endpoint, "Invalid arguments '" + arguments + "' for " + key + ": "
                        + e.getMessage(), e);
            }
            ExecuteRequest request = new ExecuteRequest(path.toString(), parsed);
            return send(endpoint, "Execute " + path, request, timeouts.request()).thenApply(response -> null);
        });
    }

    public CompletableFuture<List<DiscoveredLink>> discover(String endpoint, String key) {
        return attempt(endpoint, () -> {
            LwM2mPath path = path(endpoint, key);
            DiscoverRequest request = new DiscoverRequest(path.toString());
            return send(endpoint, "Discover " + path, request, timeouts.request())
                    .thenApply(DeviceOperations::links);
        });
    }

    public CompletableFuture<Void> writeAttributes(String endpoint, String key, NotificationAttributes attributes) {
        return attempt(endpoint, () -> {
            LwM2mPath path = path(endpoint, key);
            if (attributes.isEmpty()) {
                throw new InvalidOperation(endpoint, "Write-Attributes on " + key + " names no attribute", null);
            }
            WriteAttributesRequest request;
            try {
                request = new WriteAttributesRequest(path, attributes.toAttributeSet());
            } catch (InvalidRequestException | IllegalArgumentException e) {
                throw new InvalidOperation(endpoint, "Attributes not allowed on " + key + ": " + e.getMessage(), e);
            }
            return send(endpoint, "Write-Attributes " + path, request, timeouts.request())
                    .thenApply(response -> null);
        });
    }

    /** Starts observing; the first answer carries the current value. Notifications reach the event listeners. */
    public CompletableFuture<ReadResult> observe(String endpoint, String key) {
        return attempt(endpoint, () -> {
            LwM2mPath path = path(endpoint, key);
            ObserveRequest request = new ObserveRequest(null, path, null);
            return send(endpoint, "Observe " + path, request, timeouts.request()).thenApply(response -> {
                observations.observed(endpoint, path.toString());
                return new ReadResult(path, response.getContent());
            });
        });
    }

    public CompletableFuture<Void> cancelObservation(String endpoint, String key, CancelType type) {
        return attempt(endpoint, () -> {
            LwM2mPath path = path(endpoint, key);
            observations.forgotten(endpoint, path.toString());
            Registration registration = leshan.getRegistrationService().getByEndpoint(endpoint);
            if (registration == null) {
                // Nothing live to cancel; the record is gone, so no new registration brings it back.
                return CompletableFuture.completedFuture(null);
            }
            List<SingleObservation> live = liveObservations(registration, path);
            if (type == CancelType.LAZY || live.isEmpty()) {
                // Passive: forgotten here, the device's next notification is answered with a reset.
                live.forEach(observation -> leshan.getObservationService().cancelObservation(observation));
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
            for (SingleObservation observation : live) {
                all = all.thenCompose(ignored -> send(endpoint, "Cancel-Observation " + path,
                        new CancelObservationRequest(observation), timeouts.request())
                        .whenComplete((response, failure) -> leshan.getObservationService()
                                // Leshan keeps an actively cancelled observation in its store otherwise.
                                .cancelObservation(observation))
                        .thenApply(response -> null));
            }
            return all;
        });
    }

    /** Forgets every observation of the device (passively); answers how many there were. */
    public CompletableFuture<Integer> cancelAllObservations(String endpoint) {
        return attempt(endpoint, () -> {
            observations.forgottenAll(endpoint);
            Registration registration = leshan.getRegistrationService().getByEndpoint(endpoint);
            if (registration == null) {
                return CompletableFuture.completedFuture(0);
            }
            return CompletableFuture.completedFuture(leshan.getObservationService().cancelObservations(registration));
        });
    }

    /**
     * Creates an instance of the object {@code objectKey} with the given resource values (keyed by
     * resource id or name); {@code instanceId} may be null to let the device choose. Answers the new
     * instance's path.
     */
    public CompletableFuture<String> create(String endpoint, String objectKey, Integer instanceId,
            Map<String, Object> values) {
        return attempt(endpoint, () -> {
            LwM2mPath objectPath = path(endpoint, objectKey);
            if (!objectPath.isObject()) {
                throw new InvalidOperation(endpoint, "Create needs an object key, not " + objectKey, null);
            }
            List<LwM2mResource> resources = resources(endpoint, objectPath.getObjectId(), values);
            CreateRequest request;
            try {
                request = instanceId == null ? new CreateRequest(null, objectPath.getObjectId(), resources)
                        : new CreateRequest(null, objectPath.getObjectId(),
                                new LwM2mObjectInstance(instanceId, resources));
            } catch (InvalidRequestException e) {
                throw new InvalidOperation(endpoint, "Cannot create " + objectKey + ": " + e.getMessage(), e);
            }
            return send(endpoint, "Create " + objectPath, request, timeouts.request())
                    .thenApply(response -> createdPath(objectPath, instanceId, response));
        });
    }

    public CompletableFuture<Void> delete(String endpoint, String key) {
        return attempt(endpoint, () -> {
            LwM2mPath path = path(endpoint, key);
            if (!path.isObjectInstance()) {
                throw new InvalidOperation(endpoint, "Delete needs an object instance key, not " + key, null);
            }
            return send(endpoint, "Delete " + path, new DeleteRequest(path.toString()), timeouts.request())
                    .thenApply(response -> null);
        });
    }

    /** Reads several keys in one request (LwM2M 1.1 Read-Composite); answers path to plain value. */
    public CompletableFuture<Map<String, ReadResult>> readComposite(String endpoint, List<String> keyList) {
        return attempt(endpoint, () -> {
            List<LwM2mPath> paths = keyList.stream().map(key -> path(endpoint, key)).toList();
            ReadCompositeRequest request = new ReadCompositeRequest(paths, ContentFormat.SENML_JSON,
                    ContentFormat.SENML_JSON, null);
            return send(endpoint, "Read-Composite " + paths, request, timeouts.request()).thenApply(response -> {
                Map<String, ReadResult> results = new LinkedHashMap<>();
                for (Map.Entry<LwM2mPath, LwM2mNode> entry : ((ReadCompositeResponse) response).getContent()
                        .entrySet()) {
                    if (entry.getValue() != null) {
                        results.put(entry.getKey().toString(), new ReadResult(entry.getKey(), entry.getValue()));
                    }
                }
                return results;
            });
        });
    }

    /** Writes resources of several instances in one request (LwM2M 1.1 Write-Composite); keys to values. */
    public CompletableFuture<Void> writeComposite(String endpoint, Map<String, Object> values) {
        return attempt(endpoint, () -> {
            Map<LwM2mPath, LwM2mNode> nodes = new LinkedHashMap<>();
            values.forEach((key, value) -> {
                LwM2mPath path = path(endpoint, key);
                nodes.put(path, resourceNode(endpoint, path, value));
            });
            WriteCompositeRequest request = new WriteCompositeRequest(ContentFormat.SENML_JSON, nodes, null);
            return send(endpoint, "Write-Composite " + nodes.keySet(), request, timeouts.request())
                    .thenApply(response -> null);
        });
    }

    // --- sending ---------------------------------------------------------------------------------

    private <T extends LwM2mResponse> CompletableFuture<T> send(String endpoint, String operation,
            DownlinkDeviceManagementRequest<T> request, Duration timeout) {
        return pacing.submit(endpoint, () -> {
            Registration registration = leshan.getRegistrationService().getByEndpoint(endpoint);
            if (registration == null) {
                return CompletableFuture.failedFuture(
                        new DownlinkFailure(endpoint, Reason.NOT_REGISTERED, "is not registered", null));
            }
            CompletableFuture<T> answer = new CompletableFuture<>();
            try {
                leshan.send(registration, request, timeout.toMillis(), answer::complete,
                        error -> answer.completeExceptionally(translate(endpoint, operation, error)));
            } catch (RuntimeException e) {
                answer.completeExceptionally(translate(endpoint, operation, e));
            }
            return answer.thenApply(response -> {
                if (response.isFailure()) {
                    throw new DeviceErrorResponse(endpoint, operation, response.getCode(),
                            response.getErrorMessage());
                }
                return response;
            });
        });
    }

    static OperationFailure translate(String endpoint, String operation, Throwable error) {
        if (error instanceof CompletionException && error.getCause() != null) {
            return translate(endpoint, operation, error.getCause());
        }
        if (error instanceof OperationFailure failure) {
            return failure;
        }
        if (error instanceof ClientSleepingException) {
            return new DownlinkFailure(endpoint, Reason.SLEEPING, "is sleeping (queue mode)", error);
        }
        if (error instanceof TimeoutException timeout) {
            return new DownlinkFailure(endpoint, Reason.TIMEOUT,
                    "did not answer " + operation + " in time (" + timeout.getType() + ")", error);
        }
        if (error instanceof SendFailedException || error instanceof UnconnectedPeerException) {
            return new DownlinkFailure(endpoint, Reason.UNREACHABLE, "could not be reached: " + error.getMessage(),
                    error);
        }
        if (error instanceof RequestCanceledException) {
            return new DownlinkFailure(endpoint, Reason.UNREACHABLE,
                    "cancelled " + operation + ": " + error.getMessage(), error);
        }
        if (error instanceof InvalidRequestException || error instanceof ValueException
                || error instanceof UnknownKeyException) {
            return new InvalidOperation(endpoint, operation + " is invalid: " + error.getMessage(), error);
        }
        return new AdapterFault(endpoint, operation + " failed in dmflow: " + error, error);
    }

    /** Runs a step that may throw before anything is sent, turning every throw into a failed future. */
    private static <T> CompletableFuture<T> attempt(String endpoint, Supplier<CompletableFuture<T>> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(translate(endpoint, "the operation", e));
        }
    }

    // --- building requests -----------------------------------------------------------------------

    private WriteRequest writeRequest(String endpoint, LwM2mPath path, Object value, WriteMode mode,
            ContentFormat format) {
        try {
            if (path.isObjectInstance()) {
                if (!(value instanceof Map<?, ?> map)) {
                    throw new InvalidOperation(endpoint,
                            "Writing instance " + path + " takes a map of resource to value", null);
                }
                List<LwM2mResource> resources = resources(endpoint, path.getObjectId(), castMap(map));
                return new WriteRequest(mode == WriteMode.UPDATE ? WriteRequest.Mode.UPDATE : WriteRequest.Mode.REPLACE,
                        format, path.getObjectId(), path.getObjectInstanceId(), resources);
            }
            if (path.isResource() || path.isResourceInstance()) {
                WriteRequest.Mode writeMode = path.isResource() && mode == WriteMode.REPLACE
                        ? WriteRequest.Mode.REPLACE : WriteRequest.Mode.UPDATE;
                return new WriteRequest(writeMode, format, path, resourceNode(endpoint, path, value));
            }
            throw new InvalidOperation(endpoint, "Write needs an instance, resource or resource instance key, not "
                    + path, null);
        } catch (InvalidRequestException e) {
            throw new InvalidOperation(endpoint, "Cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private LwM2mNode resourceNode(String endpoint, LwM2mPath path, Object value) {
        ResourceModel resource = requireResource(endpoint, path.toString(), path);
        if (path.isResourceInstance()) {
            return LwM2mResourceInstance.newInstance(path.getResourceInstanceId(),
                    ResourceValues.typed(resource, value), resource.type);
        }
        return ResourceValues.resource(resource, value);
    }

    private ResourceModel requireResource(String endpoint, String key, LwM2mPath path) {
        if (!path.isResource() && !path.isResourceInstance()) {
            throw new InvalidOperation(endpoint, key + " does not name a resource", null);
        }
        ObjectModel object = objectModel(endpoint, path.getObjectId());
        ResourceModel resource = object == null ? null : object.resources.get(path.getResourceId());
        if (resource == null) {
            throw new InvalidOperation(endpoint, "Object " + path.getObjectId() + " has no resource "
                    + path.getResourceId(), null);
        }
        return resource;
    }

    /**
     * The object in the version {@code endpoint} announced, so values are encoded as that device decodes them; the
     * newest version for an object it did not announce or a device not registered (the send then fails).
     */
    private ObjectModel objectModel(String endpoint, int objectId) {
        Registration registration = leshan.getRegistrationService().getByEndpoint(endpoint);
        ObjectModel announced = registration == null ? null
                : leshan.getModelProvider().getObjectModel(registration).getObjectModel(objectId);
        return announced != null ? announced : model.getObjectModel(objectId);
    }

    private List<LwM2mResource> resources(String endpoint, int objectId, Map<String, Object> values) {
        ObjectModel object = objectModel(endpoint, objectId);
        List<LwM2mResource> resources = new ArrayList<>();
        values.forEach((name, value) -> {
            ResourceModel resource = resourceByIdOrName(object, name);
            if (resource == null) {
                throw new InvalidOperation(endpoint, "Object '" + object.name + "' has no resource '" + name + "'",
                        null);
            }
            resources.add(ResourceValues.resource(resource, value));
        });
        return resources;
    }

    private static ResourceModel resourceByIdOrName(ObjectModel object, String name) {
        String trimmed = name.trim();
        if (trimmed.chars().allMatch(Character::isDigit) && !trimmed.isEmpty()) {
            return object.resources.get(Integer.parseInt(trimmed));
        }
        return object.resources.values().stream().filter(resource -> resource.name.equalsIgnoreCase(trimmed))
                .findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }

    private List<SingleObservation> liveObservations(Registration registration, LwM2mPath path) {
        List<SingleObservation> live = new ArrayList<>();
        for (Observation observation : leshan.getObservationService().getObservations(registration)) {
            if (observation instanceof SingleObservation single && single.getPath().equals(path)) {
                live.add(single);
            }
        }
        return live;
    }

    private static String createdPath(LwM2mPath objectPath, Integer instanceId, CreateResponse response) {
        if (response.getLocation() != null && !response.getLocation().isBlank()) {
            String location = response.getLocation();
            return location.startsWith("/") ? location : "/" + location;
        }
        return instanceId == null ? objectPath.toString() : new LwM2mPath(objectPath.getObjectId(), instanceId)
                .toString();
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
