package io.dmflow.lwm2m.observation;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Observation records that last as long as the process: for tests and tools without a database. */
public final class InMemoryObservationRecords implements ObservationRecords {

    private final ConcurrentHashMap<String, Set<String>> paths = new ConcurrentHashMap<>();

    @Override
    public void observed(String endpoint, String path) {
        paths.computeIfAbsent(endpoint, key -> ConcurrentHashMap.newKeySet()).add(path);
    }

    @Override
    public void forgotten(String endpoint, String path) {
        paths.computeIfPresent(endpoint, (key, set) -> {
            set.remove(path);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void forgottenAll(String endpoint) {
        paths.remove(endpoint);
    }

    @Override
    public Set<String> observedPaths(String endpoint) {
        Set<String> observed = paths.get(endpoint);
        return observed == null ? Set.of() : Set.copyOf(observed);
    }
}
