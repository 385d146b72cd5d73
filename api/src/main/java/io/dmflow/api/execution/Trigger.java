package io.dmflow.api.execution;

/** Why the scheduler looks at a device. */
public enum Trigger {
    /** A task was submitted: only executions that may start at once do. */
    SUBMITTED,
    /** The device registered, updated, woke up or sent data: it listens now. */
    CONTACT,
    /** An execution on the device ended. */
    ENDED,
    /** An execution on the device now waits for it: the next one may start, unless the waiting one is blocking. */
    WENT_WAITING,
    /** dmflow started: see where things stand. */
    RECOVERY
}
