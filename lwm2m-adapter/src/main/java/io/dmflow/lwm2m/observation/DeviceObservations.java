package io.dmflow.lwm2m.observation;

import io.dmflow.lwm2m.operation.OperationFailure;
import io.dmflow.lwm2m.operation.ReadResult;
import java.util.concurrent.CompletableFuture;

/**
 * Observations a flow's steps start and end on a registered device, addressed by endpoint and key. Each is recorded,
 * so that it is set up again when the device registers anew; notifications reach the event listeners. Failures are
 * {@link OperationFailure}s, as for every operation.
 */
public interface DeviceObservations {

    /** Starts observing; the first answer carries the current value. */
    CompletableFuture<ReadResult> observe(String endpoint, String key);

    /**
     * Whether an observation of exactly {@code key} is recorded for the device: asked for and not cancelled since,
     * whether or not the device is registered now (it is observed again when it registers).
     */
    boolean isObserved(String endpoint, String key);

    CompletableFuture<Void> cancelObservation(String endpoint, String key, CancelType type);

    /** Forgets every observation of the device (passively); answers how many there were. */
    CompletableFuture<Integer> cancelAllObservations(String endpoint);
}
