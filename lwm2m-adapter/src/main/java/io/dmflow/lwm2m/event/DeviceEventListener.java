package io.dmflow.lwm2m.event;

/**
 * Receives the life events of device registrations. Called off Leshan's I/O threads, in order for any
 * one device; events of different devices may arrive concurrently.
 */
public interface DeviceEventListener {

    default void registered(DeviceRegistration registration) {}

    default void updated(DeviceRegistration registration) {}

    /** The device deregistered itself. */
    default void deregistered(DeviceRegistration registration) {}

    /** The device let its lifetime run out without an update. */
    default void expired(DeviceRegistration registration) {}

    /** A queue-mode device is listening again. */
    default void awake(DeviceRegistration registration) {}

    /** A queue-mode device stopped listening. */
    default void sleeping(DeviceRegistration registration) {}

    /** An observed value arrived. */
    default void notified(DeviceRegistration registration, DeviceValue value) {}

    /** The device sent values of its own accord (LwM2M Send), all in one message. */
    default void sent(DeviceRegistration registration, java.util.List<DeviceValue> values) {}
}
