package io.dmflow.api.execution;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the execution scheduler works ({@code dmflow.scheduler.*}). */
@ConfigMapping(prefix = "dmflow.scheduler")
public interface SchedulerConfig {

    /**
     * Threads that start executions; devices are independent, so several start at once. A start mostly waits
     * for the database and the engine, so more threads than cores pay off (measured with TaskBenchmark).
     */
    @WithDefault("8")
    int threads();

    /** How often executions whose process instance ended without a report are looked for. */
    @WithDefault("5s")
    Duration reconcileInterval();

    /** Executions checked against the engine per round. */
    @WithDefault("200")
    int reconcileBatch();
}
