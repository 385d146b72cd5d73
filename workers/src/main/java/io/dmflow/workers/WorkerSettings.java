package io.dmflow.workers;

import java.time.Duration;

/**
 * How the job workers poll and how much they take on.
 *
 * @param maxJobsActive jobs one worker activates per poll and holds at once
 * @param maxJobsInFlight jobs of one type worked on at once (device requests are paced per device anyway)
 * @param pollInterval pause between polls that found no work
 * @param jobTimeout how long the engine leaves an activated job to a worker that stopped renewing it (a worker
 *        renews the jobs it works on) before handing it out again
 * @param retryBackoff pause before a job that failed on dmflow's own fault is retried
 */
public record WorkerSettings(
        int maxJobsActive, int maxJobsInFlight, Duration pollInterval, Duration jobTimeout, Duration retryBackoff) {

    public WorkerSettings {
        if (maxJobsActive < 1 || maxJobsInFlight < 1) {
            throw new IllegalArgumentException("maxJobsActive and maxJobsInFlight must be at least 1");
        }
    }
}
