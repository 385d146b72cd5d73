package io.dmflow.simulator.object.stored;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;

/**
 * An instance of an object the simulator has no behaviour for, such as a vendor's configuration object defined by
 * a DDF file: it keeps what the server writes to its single-instance string resources and answers reads with it, so
 * a configuration written by one task can be read back by the next (backup and restore). Other resources are not
 * exposed.
 */
public class StoredResources extends BaseInstanceEnabler {

    private final Map<Integer, String> values = new TreeMap<>();
    private final List<String> writes = new ArrayList<>();

    public StoredResources(int instanceId) {
        super(instanceId);
    }

    /** The text a resource holds now; empty when nothing was written or set. */
    public synchronized String text(int resourceId) {
        return values.getOrDefault(resourceId, "");
    }

    /** Sets a resource as the device itself would (a configuration changed on the device). */
    public void setText(int resourceId, String text) {
        synchronized (this) {
            values.put(resourceId, text);
        }
        fireResourceChange(resourceId);
    }

    /** Every write the server made, in order, as {@code resourceId=text}. */
    public synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    @Override
    public synchronized ReadResponse read(LwM2mServer server, int resourceId) {
        if (!stored(resourceId)) {
            return super.read(server, resourceId);
        }
        return ReadResponse.success(resourceId, values.getOrDefault(resourceId, ""));
    }

    @Override
    public WriteResponse write(LwM2mServer server, boolean replace, int resourceId, LwM2mResource value) {
        if (!stored(resourceId)
                || !getModel().resources.get(resourceId).operations.isWritable()) {
            return super.write(server, replace, resourceId, value);
        }
        synchronized (this) {
            String text = String.valueOf(value.getValue());
            values.put(resourceId, text);
            writes.add(resourceId + "=" + text);
        }
        fireResourceChange(resourceId);
        return WriteResponse.success();
    }

    @Override
    public List<Integer> getAvailableResourceIds(ObjectModel model) {
        return model.resources.values().stream()
                .filter(StoredResources::storable)
                .map(resource -> resource.id)
                .sorted()
                .toList();
    }

    private boolean stored(int resourceId) {
        ResourceModel resource =
                getModel() == null ? null : getModel().resources.get(resourceId);
        return resource != null && storable(resource);
    }

    private static boolean storable(ResourceModel resource) {
        return !resource.multiple
                && resource.type == Type.STRING
                && (resource.operations.isReadable() || resource.operations.isWritable());
    }
}
