package io.dmflow.api.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Counts by kind from one query, kept for a short while: a scrape reads one gauge per kind, and all of them are
 * answered by a single query instead of one each; scrapers that come more often than {@code maxAge} share it too.
 */
final class CachedCounts<K> {

    private final Supplier<Map<K, Long>> query;
    private final long maxAgeNanos;
    private Map<K, Long> counts;
    private long countedAt;

    CachedCounts(Supplier<Map<K, Long>> query, Duration maxAge) {
        this.query = query;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** How many of {@code kind} there are, as of at most {@code maxAge} ago. */
    synchronized long count(K kind) {
        long now = System.nanoTime();
        if (counts == null || now - countedAt >= maxAgeNanos) {
            counts = Map.copyOf(query.get());
            countedAt = now;
        }
        return counts.getOrDefault(kind, 0L);
    }
}
