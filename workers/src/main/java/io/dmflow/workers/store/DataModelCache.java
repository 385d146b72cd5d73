package io.dmflow.workers.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The data model cache: the latest value each device reported for a path, as a plain value. */
public interface DataModelCache {

    /** The value the device last reported for {@code path} (e.g. {@code /5/0/3}); empty if it never did. */
    Optional<Object> latest(String endpoint, String path);

    /**
     * Keeps values the device answered to a Read as the latest of their paths: one entry a resource, a resource with
     * several instances as one map of instance id to value. Completes once they are kept; the values of many reads may be
     * kept together, so the stage completes on a thread of the store's.
     */
    CompletionStage<Void> recordRead(String endpoint, Map<String, Object> valuesByPath, Instant at);

    /**
     * Keeps paths the device listed in a Discover answer, executable and write-only resources among them, as paths
     * known to exist; a Read gives no value for those. A path that already has a value keeps it.
     */
    void recordDiscovered(String endpoint, Collection<String> paths, Instant at);
}
