package io.dmflow.lwm2m.operation;

import io.dmflow.lwm2m.value.ResourceValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mResourceInstance;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.request.exception.InvalidRequestException;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.registration.Registration;

/**
 * Plain values turned into LwM2M nodes, typed by the object model in the version the device announced, so values
 * are encoded as that device decodes them.
 */
final class RequestValues {

    private final LeshanServer leshan;
    private final LwM2mModel model;

    RequestValues(LeshanServer leshan, LwM2mModel model) {
        this.leshan = leshan;
        this.model = model;
    }

    WriteRequest writeRequest(String endpoint, LwM2mPath path, Object value, WriteMode mode, ContentFormat format) {
        try {
            if (path.isObjectInstance()) {
                if (!(value instanceof Map<?, ?> map)) {
                    throw new InvalidOperation(
                            endpoint, "Writing instance " + path + " takes a map of resource to value", null);
                }
                List<LwM2mResource> resources = resources(endpoint, path.getObjectId(), castMap(map));
                return new WriteRequest(
                        mode == WriteMode.UPDATE ? WriteRequest.Mode.UPDATE : WriteRequest.Mode.REPLACE,
                        format,
                        path.getObjectId(),
                        path.getObjectInstanceId(),
                        resources);
            }
            if (path.isResource() || path.isResourceInstance()) {
                WriteRequest.Mode writeMode = path.isResource() && mode == WriteMode.REPLACE
                        ? WriteRequest.Mode.REPLACE
                        : WriteRequest.Mode.UPDATE;
                return new WriteRequest(writeMode, format, path, resourceNode(endpoint, path, value));
            }
            throw new InvalidOperation(
                    endpoint, "Write needs an instance, resource or resource instance key, not " + path, null);
        } catch (InvalidRequestException e) {
            throw new InvalidOperation(endpoint, "Cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    LwM2mNode resourceNode(String endpoint, LwM2mPath path, Object value) {
        ResourceModel resource = requireResource(endpoint, path.toString(), path);
        if (path.isResourceInstance()) {
            return LwM2mResourceInstance.newInstance(
                    path.getResourceInstanceId(), ResourceValues.typed(resource, value), resource.type);
        }
        return ResourceValues.resource(resource, value);
    }

    ResourceModel requireResource(String endpoint, String key, LwM2mPath path) {
        if (!path.isResource() && !path.isResourceInstance()) {
            throw new InvalidOperation(endpoint, key + " does not name a resource", null);
        }
        ObjectModel object = objectModel(endpoint, path.getObjectId());
        ResourceModel resource = object == null ? null : object.resources.get(path.getResourceId());
        if (resource == null) {
            throw new InvalidOperation(
                    endpoint, "Object " + path.getObjectId() + " has no resource " + path.getResourceId(), null);
        }
        return resource;
    }

    List<LwM2mResource> resources(String endpoint, int objectId, Map<String, Object> values) {
        ObjectModel object = objectModel(endpoint, objectId);
        List<LwM2mResource> resources = new ArrayList<>();
        values.forEach((name, value) -> {
            ResourceModel resource = resourceByIdOrName(object, name);
            if (resource == null) {
                throw new InvalidOperation(
                        endpoint, "Object '" + object.name + "' has no resource '" + name + "'", null);
            }
            resources.add(ResourceValues.resource(resource, value));
        });
        return resources;
    }

    /**
     * The object in the version {@code endpoint} announced; the newest version for an object it did not announce or
     * a device not registered (the send then fails).
     */
    private ObjectModel objectModel(String endpoint, int objectId) {
        Registration registration = leshan.getRegistrationService().getByEndpoint(endpoint);
        ObjectModel announced = registration == null
                ? null
                : leshan.getModelProvider().getObjectModel(registration).getObjectModel(objectId);
        return announced != null ? announced : model.getObjectModel(objectId);
    }

    private static ResourceModel resourceByIdOrName(ObjectModel object, String name) {
        String trimmed = name.trim();
        if (trimmed.chars().allMatch(Character::isDigit) && !trimmed.isEmpty()) {
            return object.resources.get(Integer.parseInt(trimmed));
        }
        return object.resources.values().stream()
                .filter(resource -> resource.name.equalsIgnoreCase(trimmed))
                .findFirst()
                .orElse(null);
    }

    private static Map<String, Object> castMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }
}
