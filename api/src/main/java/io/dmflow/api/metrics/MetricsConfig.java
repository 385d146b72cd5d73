package io.dmflow.api.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the Prometheus metrics are gathered ({@code dmflow.metrics.*}, see docs/metrics.md). */
@ConfigMapping(prefix = "dmflow.metrics")
public interface MetricsConfig {

    /**
     * How long the counts of devices by state and of executions by status are reused between scrapes before the
     * database is asked again.
     */
    @WithDefault("5s")
    Duration countsMaxAge();
}
