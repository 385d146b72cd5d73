package io.dmflow.api.builtin;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.client.resource.LwM2mInstanceEnabler;
import org.eclipse.leshan.client.resource.ObjectEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ReadResponse;

/**
 * A Temperature object (3303) whose device refuses a Read of the whole object, as a constrained device does when the
 * answer would not fit, and a Read of the instances named, while it answers each resource: what a best-effort read
 * has to fall back from. Instances 0 and 1 implement Sensor Value (5700) and Sensor Units (5701) only.
 */
final class RefusingTemperatureObject extends ObjectEnabler {

    static final int OBJECT_ID = 3303;

    private final Set<Integer> refusedInstances;

    RefusingTemperatureObject(ObjectModel model, Set<Integer> refusedInstances) {
        super(OBJECT_ID, model, instances(), null, ContentFormat.SENML_JSON);
        this.refusedInstances = refusedInstances;
        // The client's object tree sets the model of the instances it creates itself, not of those handed to it.
        getAvailableInstanceIds().forEach(id -> getInstance(id).setModel(model));
    }

    private static Map<Integer, LwM2mInstanceEnabler> instances() {
        Map<Integer, LwM2mInstanceEnabler> instances = new TreeMap<>();
        instances.put(0, new Sensor(0));
        instances.put(1, new Sensor(1));
        return instances;
    }

    @Override
    protected ReadResponse doRead(LwM2mServer server, ReadRequest request) {
        if (request.getPath().isObject()) {
            return ReadResponse.internalServerError("the whole object does not fit in one answer");
        }
        if (request.getPath().isObjectInstance()
                && refusedInstances.contains(request.getPath().getObjectInstanceId())) {
            return ReadResponse.internalServerError("the whole instance does not fit in one answer");
        }
        return super.doRead(server, request);
    }

    /** A sensor reading 20.5 + its instance id degrees Celsius. */
    private static final class Sensor extends BaseInstanceEnabler {

        Sensor(int id) {
            super(id);
        }

        @Override
        public ReadResponse read(LwM2mServer server, int resourceId) {
            return switch (resourceId) {
                case 5700 -> ReadResponse.success(resourceId, 20.5 + getId());
                case 5701 -> ReadResponse.success(resourceId, "Cel");
                default -> ReadResponse.notFound();
            };
        }
    }
}
