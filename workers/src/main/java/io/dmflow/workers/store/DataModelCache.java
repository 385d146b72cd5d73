package io.dmflow.workers.store;

import java.util.Optional;

/** The data model cache: the latest value each device reported for a path, as a plain value. */
public interface DataModelCache {

    /** The value the device last reported for {@code path} (e.g. {@code /5/0/3}); empty if it never did. */
    Optional<Object> latest(String endpoint, String path);
}
