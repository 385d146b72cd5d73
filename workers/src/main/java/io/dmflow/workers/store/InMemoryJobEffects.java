package io.dmflow.workers.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Job effects kept in memory: enough for tests and a single process that never restarts. */
public final class InMemoryJobEffects implements JobEffects {

    private final Map<Long, Map<String, Object>> applied = new ConcurrentHashMap<>();

    @Override
    public Optional<Map<String, Object>> applied(long jobKey) {
        return Optional.ofNullable(applied.get(jobKey));
    }

    @Override
    public void record(long jobKey, Map<String, Object> outputs) {
        applied.put(jobKey, java.util.Collections.unmodifiableMap(new java.util.HashMap<>(outputs)));
    }
}
