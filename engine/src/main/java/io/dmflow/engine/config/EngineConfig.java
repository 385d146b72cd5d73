package io.dmflow.engine.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "dmflow.engine")
public interface EngineConfig {

    /** embedded: this process serves /v2 and runs the engine; remote: a Camunda 8 cluster does. */
    @WithDefault("embedded")
    Mode mode();

    /** How long a job activation is held when the client sends requestTimeout 0. */
    @WithDefault("10s")
    Duration defaultLongPollTimeout();

    /** How often due timers, job deadlines, back-offs and message expiry are checked. */
    @WithDefault("100ms")
    Duration dueWorkInterval();

    /** Upper bound for an awaited create-instance call when the client sends requestTimeout 0. */
    @WithDefault("10s")
    Duration defaultAwaitTimeout();

    enum Mode {
        embedded,
        remote
    }

    default boolean embedded() {
        return mode() == Mode.embedded;
    }
}
