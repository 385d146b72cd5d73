package io.dmflow.contract;

/** Messages dmflow publishes to the engine from device events, and the form of their correlation keys. */
public final class MessageName {

    /** A device registered, updated its registration, woke up or sent data. Key: {@link #contactKey}. */
    public static final String DEVICE_CONTACT = "device.contact";

    /** An observed value changed. Key: {@link #notificationKey}. */
    public static final String LWM2M_NOTIFICATION = "lwm2m.notification";

    /** The FEEL expression a flow uses as correlation key of {@link #DEVICE_CONTACT}. */
    public static final String DEVICE_CONTACT_KEY_EXPRESSION = "=device.endpoint";

    private MessageName() {}

    public static String contactKey(String endpoint) {
        return endpoint;
    }

    public static String notificationKey(String endpoint, String path) {
        return endpoint + "|" + path;
    }
}
