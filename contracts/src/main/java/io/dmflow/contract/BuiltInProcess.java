package io.dmflow.contract;

/** Process ids of the built-in flows (templates call them as call activities) and of compiled templates. */
public final class BuiltInProcess {

    public static final String FIRMWARE_UPDATE = "lwm2m-firmware-update";
    public static final String SOFTWARE_MANAGEMENT = "lwm2m-software-management";
    public static final String SOFTWARE_ACTIVATION = "lwm2m-software-activation";
    public static final String OBSERVE = "lwm2m-observe";
    public static final String CANCEL_ALL_OBSERVES = "lwm2m-cancel-all-observes";
    public static final String EXECUTE = "lwm2m-execute";
    public static final String BEST_EFFORT_GET = "lwm2m-best-effort-get";
    public static final String BOOTSTRAP = "lwm2m-bootstrap";
    public static final String BOOTSTRAP_CONFIGURATION = "lwm2m-bootstrap-configuration";
    public static final String BACKUP = "dm-backup";
    public static final String RESTORE = "dm-restore";
    /** One interactive operation of {@code /api/devices/{endpoint}/operations}: the job type is a variable. */
    public static final String DEVICE_OPERATION = "dm-device-operation";

    /** Prefix of a compiled template's process id: {@code template-<name>}. */
    public static final String TEMPLATE_PREFIX = "template-";

    private BuiltInProcess() {}

    public static String templateProcessId(String templateName) {
        return TEMPLATE_PREFIX + templateName;
    }
}
