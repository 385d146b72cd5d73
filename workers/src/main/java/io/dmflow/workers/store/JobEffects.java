package io.dmflow.workers.store;

import java.util.Map;
import java.util.Optional;

/**
 * The record of jobs whose effect (a device write, a resource edit) took place, with their outputs, so a
 * job the engine hands out again after a crash or a timeout is completed without repeating its effect.
 */
public interface JobEffects {

    Optional<Map<String, Object>> applied(long jobKey);

    void record(long jobKey, Map<String, Object> outputs);
}
