package io.dmflow.api.problem;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The limit {@link BodyLimits} puts on the file a resource holds (its upload streams to the database). */
@ConfigMapping(prefix = "dmflow.resources")
public interface ResourceFileConfig {

    /** The largest file a resource may hold, in bytes. */
    @WithDefault("67108864")
    long maxBytes();
}
