package io.dmflow.api.problem;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The limit {@link BodyLimits} puts on request bodies other than file uploads. */
@ConfigMapping(prefix = "dmflow.http")
public interface HttpBodyConfig {

    /** The largest request body other than a file upload (JSON, XML, BPMN, text), in bytes. */
    @WithDefault("1048576")
    long maxBodyBytes();
}
