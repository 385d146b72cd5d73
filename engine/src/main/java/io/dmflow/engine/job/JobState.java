package io.dmflow.engine.job;

/** Where a job is in its life; last_event (the search-visible state) is kept beside it. */
public enum JobState {
    ACTIVATABLE,
    ACTIVATED,
    /** Failed: waiting for its back-off to pass, or for an incident to be resolved. */
    FAILED,
    ERROR_THROWN,
    COMPLETED,
    CANCELED;

    public boolean isOpen() {
        return this == ACTIVATABLE || this == ACTIVATED || this == FAILED;
    }
}
