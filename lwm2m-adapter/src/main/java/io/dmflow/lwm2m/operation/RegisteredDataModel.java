package io.dmflow.lwm2m.operation;

import io.dmflow.lwm2m.operation.DownlinkFailure.Reason;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.server.registration.Registration;

/**
 * What a device holds, as far as the server can tell without asking it: the object instances its registration
 * lists and, by the object models, the resources each object defines. Reading a device piece by piece (when it
 * refuses a whole object at once) starts from here.
 */
public final class RegisteredDataModel {

    private final Downlink downlink;
    private final LwM2mModel model;

    public RegisteredDataModel(Downlink downlink, LwM2mModel model) {
        this.downlink = downlink;
        this.model = model;
    }

    /**
     * The objects of the device's registration, each with the instance ids it listed (none for an object it listed
     * without instances); a {@link DownlinkFailure} when the device is not registered.
     */
    public SortedMap<Integer, SortedSet<Integer>> instances(String endpoint) {
        Registration registration = downlink.registration(endpoint)
                .orElseThrow(() -> new DownlinkFailure(endpoint, Reason.NOT_REGISTERED, "is not registered", null));
        SortedMap<Integer, SortedSet<Integer>> objects = new TreeMap<>();
        registration.getSupportedObject().keySet().forEach(objectId -> objects.put(objectId, new TreeSet<>()));
        for (LwM2mPath path : registration.getAvailableInstances()) {
            objects.computeIfAbsent(path.getObjectId(), id -> new TreeSet<>()).add(path.getObjectInstanceId());
        }
        return objects;
    }

    /** The path a key names, e.g. {@code /3/0} for {@code Device.0}; an {@link InvalidOperation} if it names nothing. */
    public String path(String endpoint, String key) {
        return downlink.path(endpoint, key).toString();
    }

    /** The resources of the object that a Read may return, by its model; none for an object without a model. */
    public List<Integer> readableResources(int objectId) {
        ObjectModel object = model.getObjectModel(objectId);
        if (object == null) {
            return List.of();
        }
        return object.resources.values().stream()
                .filter(resource -> resource.operations.isReadable())
                .map(resource -> resource.id)
                .sorted()
                .toList();
    }
}
