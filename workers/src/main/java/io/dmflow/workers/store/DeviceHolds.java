package io.dmflow.workers.store;

import java.util.Optional;

/**
 * Holding a device for one execution, as a blocking task does: while held, no other execution on the device starts,
 * even when the holder waits for the device. The scheduler keeps the hold; flows take and give it back with
 * {@code dm.device.lock} and {@code dm.device.unlock} around the steps that must not be interleaved.
 */
public interface DeviceHolds {

    /** The endpoint of the execution's device, or empty when there is no such execution. */
    Optional<String> deviceOf(String executionId);

    /** The execution holds its device until {@link #release} or its end. Holding again changes nothing. */
    void hold(String executionId);

    /** The execution holds its device no longer, unless its task is blocking, which holds it to the end. */
    void release(String executionId);
}
