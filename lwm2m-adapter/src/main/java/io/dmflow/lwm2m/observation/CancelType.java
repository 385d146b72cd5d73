package io.dmflow.lwm2m.observation;

/** How an observation ends. */
public enum CancelType {
    /** Tell the device now (an active cancel, GET with Observe=1). */
    IMMEDIATE,
    /** Forget it here; the device learns on its next notification, which is answered with a reset. */
    LAZY
}
