package io.dmflow.simulator.fleet;

import io.dmflow.simulator.object.connectivity.ConnectivityMonitoring;
import io.dmflow.simulator.object.device.DeviceObject;
import io.dmflow.simulator.object.device.PowerCycle;
import io.dmflow.simulator.object.firmware.FirmwareInstaller;
import io.dmflow.simulator.object.firmware.FirmwareUpdate;
import io.dmflow.simulator.object.location.Location;
import io.dmflow.simulator.object.sensor.TemperatureSensor;
import io.dmflow.simulator.object.software.SoftwareManagement;
import io.dmflow.simulator.object.stored.StoredResources;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.resource.BaseInstanceEnablerFactory;
import org.eclipse.leshan.client.resource.LwM2mInstanceEnabler;
import org.eclipse.leshan.client.resource.LwM2mObjectEnabler;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.request.BindingMode;

/**
 * The object instances of one simulated device and the Leshan object tree assembled from them. Objects the device
 * was built without are {@code null} here.
 */
final class DeviceObjects {

    static final int SHORT_SERVER_ID = 1;

    final DeviceObject device;
    final FirmwareUpdate firmware;
    final ConnectivityMonitoring connectivity;
    final Location location;
    final TemperatureSensor temperature;
    final Map<Integer, StoredResources> stored = new TreeMap<>();
    private final List<LwM2mObjectEnabler> enablers;

    DeviceObjects(
            DeviceSettings settings, FleetRuntime runtime, PowerCycle powerCycle, FirmwareInstaller firmwareInstaller) {
        // Queue mode travels as the registration's Q flag (LwM2M 1.1); the binding stays plain UDP.
        EnumSet<BindingMode> binding = EnumSet.of(BindingMode.U);
        boolean retain = settings.retainPackageBytes();
        int index = settings.index();
        this.device = new DeviceObject(settings.identity(), binding, powerCycle);
        this.firmware = has(settings, SupportedObject.FIRMWARE_UPDATE)
                ? new FirmwareUpdate(runtime.downloader, runtime.scheduler, firmwareInstaller, retain)
                : null;
        this.connectivity = has(settings, SupportedObject.CONNECTIVITY_MONITORING)
                ? new ConnectivityMonitoring(settings.bindAddress().getHostAddress(), index)
                : null;
        // spread the fleet over a few square kilometres, so maps of it are not a single dot
        this.location = has(settings, SupportedObject.LOCATION)
                ? new Location(50.06 + index % 100 * 0.001, 19.94 + index / 100 * 0.001)
                : null;
        this.temperature =
                has(settings, SupportedObject.TEMPERATURE) ? new TemperatureSensor(20 + index % 10, index) : null;

        ObjectsInitializer objects = new ObjectsInitializer(runtime.model);
        if (settings.bootstrapUri() != null) {
            // Only the bootstrap account: Leshan bootstraps at start, the server writes /0 and /1, then registers.
            objects.setInstancesForObject(
                    LwM2mId.SECURITY,
                    settings.credentials()
                            .bootstrapSecurityInstance(settings.bootstrapUri().toString()));
            objects.setClassForObject(LwM2mId.SERVER, Server.class);
        } else {
            objects.setInstancesForObject(
                    LwM2mId.SECURITY,
                    settings.credentials().securityInstance(settings.serverUri().toString(), SHORT_SERVER_ID));
            objects.setInstancesForObject(
                    LwM2mId.SERVER,
                    new Server(SHORT_SERVER_ID, settings.lifetime().toSeconds(), binding, false, BindingMode.U));
        }
        addSingle(objects, LwM2mId.DEVICE, device);
        addSingle(objects, LwM2mId.FIRMWARE, firmware);
        addSingle(objects, LwM2mId.CONNECTIVITY_MONITORING, connectivity);
        addSingle(objects, LwM2mId.LOCATION, location);
        addSingle(objects, TemperatureSensor.OBJECT_ID, temperature);
        if (has(settings, SupportedObject.SOFTWARE_MANAGEMENT)) {
            // Multi-instance: the server may Create further package instances; all share the fleet's services.
            objects.setFactoryForObject(LwM2mId.SOFTWARE_MANAGEMENT, new BaseInstanceEnablerFactory() {
                @Override
                public LwM2mInstanceEnabler create() {
                    return new SoftwareManagement(runtime.downloader, runtime.scheduler, retain);
                }
            });
            SoftwareManagement first = new SoftwareManagement(runtime.downloader, runtime.scheduler, retain);
            first.setId(0);
            objects.setInstancesForObject(LwM2mId.SOFTWARE_MANAGEMENT, first);
        }
        for (int objectId : settings.storedObjects()) {
            StoredResources instance = new StoredResources(0);
            stored.put(objectId, instance);
            addSingle(objects, objectId, instance);
        }
        this.enablers = objects.createAll();
    }

    List<LwM2mObjectEnabler> enablers() {
        return enablers;
    }

    /** Advances the values that change by themselves; called from the fleet's sensor tick. */
    void tick(long tickNumber) {
        if (temperature != null) {
            temperature.tick();
        }
        if (connectivity != null) {
            connectivity.fluctuate();
        }
        if (tickNumber % 100 == 99) {
            device.drainBattery();
        }
    }

    private static boolean has(DeviceSettings settings, SupportedObject object) {
        return settings.objects().contains(object);
    }

    /** Single-instance objects refuse Create, so their factory never makes anything. */
    private static void addSingle(ObjectsInitializer objects, int objectId, LwM2mInstanceEnabler instance) {
        if (instance == null) {
            return;
        }
        objects.setFactoryForObject(objectId, new BaseInstanceEnablerFactory() {
            @Override
            public LwM2mInstanceEnabler create() {
                throw new UnsupportedOperationException("object " + objectId + " has a single instance");
            }
        });
        objects.setInstancesForObject(objectId, instance);
    }
}
