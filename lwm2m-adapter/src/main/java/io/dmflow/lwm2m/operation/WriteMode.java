package io.dmflow.lwm2m.operation;

/** How a Write treats what the device has. */
public enum WriteMode {
    /** Write replaces the whole instance or resource. */
    REPLACE,
    /** Write updates only the resources given. */
    UPDATE
}
