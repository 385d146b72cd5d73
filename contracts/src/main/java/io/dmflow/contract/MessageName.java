package io.dmflow.contract;

/** Messages dmflow publishes to the engine from device events, and the form of their correlation keys. */
public final class MessageName {

    /** A device registered, updated its registration, woke up or sent data. Key: {@link #contactKey}. */
    public static final String DEVICE_CONTACT = "device.contact";

    /** An observed value changed. Key: {@link #notificationKey}. */
    public static final String LWM2M_NOTIFICATION = "lwm2m.notification";

    /**
     * A slot of a quota was handed to an execution that waited for one (dm.quota.acquire answered it no slot), in
     * the order they asked. Key: {@link #quotaSlotKey}, which dm.quota.acquire answers as {@code quotaWaitKey}.
     */
    public static final String QUOTA_SLOT_GRANTED = "quota.slot-granted";

    /** The FEEL expression a flow uses as correlation key of {@link #DEVICE_CONTACT}. */
    public static final String DEVICE_CONTACT_KEY_EXPRESSION = "=device.endpoint";

    private MessageName() {}

    public static String contactKey(String endpoint) {
        return endpoint;
    }

    public static String notificationKey(String endpoint, String path) {
        return endpoint + "|" + path;
    }

    /** The quota and the holder waiting for one of its slots (an execution id), joined by a vertical bar. */
    public static String quotaSlotKey(String quota, String holder) {
        return quota + "|" + holder;
    }
}
