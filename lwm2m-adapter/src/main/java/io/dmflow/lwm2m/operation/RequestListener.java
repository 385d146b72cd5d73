package io.dmflow.lwm2m.operation;

import java.time.Duration;

/**
 * Told how every request the {@link Downlink} sent to a device ended, e.g. to count and time them. Called on the
 * thread that completes the request (Leshan's or the caller's), so it must return quickly.
 */
public interface RequestListener {

    /**
     * @param operation the LwM2M operation in lowercase words joined by dashes, e.g. {@code read},
     *            {@code write-attributes}, {@code cancel-observation}
     * @param took from the moment the request left the device's queue to its answer or failure
     */
    void ended(String endpoint, String operation, RequestOutcome outcome, Duration took);
}
