package io.dmflow.api.engine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How dmflow's job workers poll and how much they take on ({@code dmflow.workers.*}). */
@ConfigMapping(prefix = "dmflow.workers")
public interface WorkerConfig {

    /** false: this process runs no job workers (e.g. a replica that only serves the API). */
    @WithDefault("true")
    boolean enabled();

    /** Jobs one worker activates per poll and holds at once. */
    @WithDefault("64")
    int maxJobsActive();

    /** Jobs of one type worked on at once. */
    @WithDefault("256")
    int maxJobsInFlight();

    /**
     * Threads that hand activated jobs to their handlers. A handler records that its execution is working and
     * looks up the job's recorded effect before it starts the device operation, so one thread caps the jobs
     * started per second.
     */
    @WithDefault("8")
    int handlerThreads();

    /** Pause between polls that found no work. */
    @WithDefault("100ms")
    Duration pollInterval();

    /**
     * How long the engine leaves an activated job to a worker that stopped renewing it: the workers renew the jobs
     * they work on, so this is how soon the jobs in flight when dmflow was killed are handed out again.
     */
    @WithDefault("1m")
    Duration jobTimeout();

    /** Pause before a job that failed on dmflow's own fault is tried again. */
    @WithDefault("10s")
    Duration retryBackoff();

    /** Time-to-live of device.contact and lwm2m.notification messages. */
    @WithDefault("30s")
    Duration messageTimeToLive();
}
