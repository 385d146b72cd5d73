package io.dmflow.engine.job;

/** Told (after commit) that jobs of a type may be activatable, so parked activations can retry at once. */
public interface JobAvailability {
    void jobsAvailable(String type);
}
