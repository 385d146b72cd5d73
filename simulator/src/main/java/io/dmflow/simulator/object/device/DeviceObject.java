package io.dmflow.simulator.object.device;

import io.dmflow.simulator.object.StatefulInstanceEnabler;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;

/**
 * Object 3, Device, with a Reboot that really takes the device down and brings it back (Leshan's own Device object
 * answers 5.00 to it). The firmware version changes when a firmware update completes.
 */
public class DeviceObject extends StatefulInstanceEnabler {

    private final java.util.Queue<String> journal = new java.util.concurrent.ConcurrentLinkedQueue<>();

    static final int MANUFACTURER = 0;
    static final int MODEL_NUMBER = 1;
    static final int SERIAL_NUMBER = 2;
    static final int FIRMWARE_VERSION = 3;
    static final int REBOOT = 4;
    static final int FACTORY_RESET = 5;
    static final int BATTERY_LEVEL = 9;
    static final int MEMORY_FREE = 10;
    static final int ERROR_CODE = 11;
    static final int RESET_ERROR_CODE = 12;
    static final int CURRENT_TIME = 13;
    static final int UTC_OFFSET = 14;
    static final int TIMEZONE = 15;
    static final int SUPPORTED_BINDING = 16;
    static final int DEVICE_TYPE = 17;
    static final int HARDWARE_VERSION = 18;
    static final int SOFTWARE_VERSION = 19;
    static final int BATTERY_STATUS = 20;
    static final int MEMORY_TOTAL = 21;

    private static final List<Integer> SUPPORTED = List.of(
            MANUFACTURER,
            MODEL_NUMBER,
            SERIAL_NUMBER,
            FIRMWARE_VERSION,
            REBOOT,
            FACTORY_RESET,
            BATTERY_LEVEL,
            MEMORY_FREE,
            ERROR_CODE,
            RESET_ERROR_CODE,
            CURRENT_TIME,
            UTC_OFFSET,
            TIMEZONE,
            SUPPORTED_BINDING,
            DEVICE_TYPE,
            HARDWARE_VERSION,
            SOFTWARE_VERSION,
            BATTERY_STATUS,
            MEMORY_TOTAL);
    private static final long MEMORY_TOTAL_KB = 512;

    private final PowerCycle powerCycle;
    private final EnumSet<BindingMode> bindings;
    private DeviceIdentity identity;
    private String utcOffset = "+00:00";
    private String timezone = "Etc/UTC";
    private long timeOffsetMillis;
    private long batteryLevel = 100;
    private long errorCode;

    public DeviceObject(DeviceIdentity identity, EnumSet<BindingMode> bindings, PowerCycle powerCycle) {
        super(0);
        this.identity = identity;
        this.bindings = bindings;
        this.powerCycle = powerCycle;
    }

    public synchronized String firmwareVersion() {
        return identity.firmwareVersion();
    }

    public void setFirmwareVersion(String version) {
        synchronized (this) {
            identity = identity.withFirmwareVersion(version);
            changed(FIRMWARE_VERSION);
        }
        publishChanges();
    }

    public synchronized long batteryLevel() {
        return batteryLevel;
    }

    /** Drains the battery a little; called from the fleet's sensor tick. */
    public void drainBattery() {
        synchronized (this) {
            if (batteryLevel <= 1) {
                return;
            }
            batteryLevel--;
            changed(BATTERY_LEVEL);
        }
        publishChanges();
    }

    @Override
    public synchronized ReadResponse read(LwM2mServer server, int resourceId) {
        switch (resourceId) {
            case MANUFACTURER:
                return ReadResponse.success(resourceId, identity.manufacturer());
            case MODEL_NUMBER:
                return ReadResponse.success(resourceId, identity.modelNumber());
            case SERIAL_NUMBER:
                return ReadResponse.success(resourceId, identity.serialNumber());
            case FIRMWARE_VERSION:
                return ReadResponse.success(resourceId, identity.firmwareVersion());
            case BATTERY_LEVEL:
                return ReadResponse.success(resourceId, batteryLevel);
            case MEMORY_FREE:
                return ReadResponse.success(resourceId, MEMORY_TOTAL_KB / 2);
            case ERROR_CODE:
                return ReadResponse.success(resourceId, Map.of(0, errorCode), Type.INTEGER);
            case CURRENT_TIME:
                return ReadResponse.success(resourceId, new Date(System.currentTimeMillis() + timeOffsetMillis));
            case UTC_OFFSET:
                return ReadResponse.success(resourceId, utcOffset);
            case TIMEZONE:
                return ReadResponse.success(resourceId, timezone);
            case SUPPORTED_BINDING:
                return ReadResponse.success(resourceId, BindingMode.toString(bindings));
            case DEVICE_TYPE:
                return ReadResponse.success(resourceId, identity.deviceType());
            case HARDWARE_VERSION:
                return ReadResponse.success(resourceId, identity.hardwareVersion());
            case SOFTWARE_VERSION:
                return ReadResponse.success(resourceId, identity.softwareVersion());
            case BATTERY_STATUS:
                return ReadResponse.success(resourceId, batteryLevel > 10 ? 0 : 4); // normal / low
            case MEMORY_TOTAL:
                return ReadResponse.success(resourceId, MEMORY_TOTAL_KB);
            default:
                return super.read(server, resourceId);
        }
    }

    /**
     * Every write and execute this device accepted, in order ({@code "write 15 Europe/Paris"},
     * {@code "execute 12"}): what tests check to see an operation reached the device, and how often.
     */
    public List<String> operationJournal() {
        return List.copyOf(journal);
    }

    @Override
    public WriteResponse write(LwM2mServer server, boolean replace, int resourceId, LwM2mResource value) {
        journal.add("write " + resourceId + " "
                + (value.getValue() instanceof Date date ? date.getTime() : value.getValue()));
        synchronized (this) {
            switch (resourceId) {
                case CURRENT_TIME:
                    timeOffsetMillis = ((Date) value.getValue()).getTime() - System.currentTimeMillis();
                    break;
                case UTC_OFFSET:
                    utcOffset = (String) value.getValue();
                    break;
                case TIMEZONE:
                    timezone = (String) value.getValue();
                    break;
                default:
                    return super.write(server, replace, resourceId, value);
            }
            changed(resourceId);
        }
        publishChanges();
        return WriteResponse.success();
    }

    @Override
    public ExecuteResponse execute(LwM2mServer server, int resourceId, Arguments arguments) {
        journal.add("execute " + resourceId);
        switch (resourceId) {
            case REBOOT:
                // The 2.04 goes out first; the device goes down a moment later.
                powerCycle.reboot();
                return ExecuteResponse.success();
            case FACTORY_RESET:
                synchronized (this) {
                    // settings go back to factory values; the installed firmware stays what it is
                    timeOffsetMillis = 0;
                    utcOffset = "+00:00";
                    timezone = "Etc/UTC";
                    changed(CURRENT_TIME, UTC_OFFSET, TIMEZONE);
                }
                publishChanges();
                powerCycle.factoryReset();
                return ExecuteResponse.success();
            case RESET_ERROR_CODE:
                synchronized (this) {
                    errorCode = 0;
                    changed(ERROR_CODE);
                }
                publishChanges();
                return ExecuteResponse.success();
            default:
                return super.execute(server, resourceId, arguments);
        }
    }

    @Override
    public List<Integer> getAvailableResourceIds(ObjectModel model) {
        return definedIn(model, SUPPORTED);
    }
}
