package io.dmflow.contract;

/**
 * Job types ({@code zeebe:taskDefinition type}) of dmflow's service tasks. Workers subscribe to them,
 * the template compiler and the built-in BPMN emit them, element templates name them: they are stable.
 */
public final class JobType {

    public static final String LWM2M_READ = "lwm2m.read";
    public static final String LWM2M_WRITE = "lwm2m.write";
    public static final String LWM2M_EXECUTE = "lwm2m.execute";
    public static final String LWM2M_DISCOVER = "lwm2m.discover";
    public static final String LWM2M_WRITE_ATTRIBUTES = "lwm2m.write-attributes";
    public static final String LWM2M_OBSERVE = "lwm2m.observe";
    public static final String LWM2M_CANCEL_OBSERVATION = "lwm2m.cancel-observation";
    public static final String LWM2M_CANCEL_ALL_OBSERVATIONS = "lwm2m.cancel-all-observations";
    public static final String LWM2M_CREATE = "lwm2m.create";
    public static final String LWM2M_DELETE = "lwm2m.delete";
    public static final String LWM2M_READ_COMPOSITE = "lwm2m.read-composite";
    public static final String LWM2M_WRITE_COMPOSITE = "lwm2m.write-composite";
    /** The objects a device registered that a management server may read: the plan of a data model refresh. */
    public static final String LWM2M_REGISTERED_OBJECTS = "lwm2m.registered-objects";
    /** Reads a key as far as the device allows, a whole object, else its instances, else their resources. */
    public static final String LWM2M_BEST_EFFORT_READ = "lwm2m.best-effort-read";

    public static final String LWM2M_FIRMWARE_DELIVER = "lwm2m.firmware.deliver";
    public static final String LWM2M_BOOTSTRAP_CONFIGURE = "lwm2m.bootstrap.configure";
    public static final String LWM2M_BOOTSTRAP_TRIGGER = "lwm2m.bootstrap.trigger";

    public static final String DM_DEVICE_PROPERTY_SET = "dm.device-property.set";
    public static final String DM_RESOURCE_READ = "dm.resource.read";
    public static final String DM_RESOURCE_EDIT = "dm.resource.edit";
    /** The newest stored resource whose id and properties match: the backup a restore picks. */
    public static final String DM_RESOURCE_NEWEST = "dm.resource.newest";
    /** The value the device last reported for a path: the data model cache (observations and Sends fill it). */
    public static final String DM_DEVICE_VALUE_READ = "dm.device-value.read";

    public static final String DM_LOG = "dm.log";
    public static final String DM_EXECUTION_UPDATE = "dm.execution.update";
    public static final String DM_DEVICE_LOCK = "dm.device.lock";
    public static final String DM_DEVICE_UNLOCK = "dm.device.unlock";
    public static final String DM_QUOTA_ACQUIRE = "dm.quota.acquire";
    public static final String DM_QUOTA_RELEASE = "dm.quota.release";

    private JobType() {}
}
