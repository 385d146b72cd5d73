package io.dmflow.api.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long dmflow keeps what has ended. */
@ConfigMapping(prefix = "dmflow.retention")
public interface RetentionConfig {

    /**
     * Ended executions (with their status history and log), the embedded engine's ended process instances and
     * expired messages, and recorded device values older than this are removed.
     */
    @WithDefault("P30D")
    Duration history();

    /** How often the removal runs. */
    @WithDefault("PT10M")
    Duration interval();

    /** Rows removed per transaction, so that a large backlog never holds locks for long. */
    @WithDefault("500")
    int batch();
}
