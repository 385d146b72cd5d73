package io.dmflow.api.quota;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who waits for a slot of each quota, in the order they first asked, so that slots are handed out first come, first
 * served. Kept in memory: after a restart the line is empty, and each waiter takes its place again when its flow's
 * fallback timer makes it ask. A waiter that has not asked for longer than {@code forgetAfter} (its flow ended
 * without saying so, e.g. a process instance cancelled in the engine) is dropped, so it cannot block the line.
 */
final class WaitingLines {

    /** One waiter: whom it is, the limit it asked with and when it last asked. */
    record Waiter(String holder, int limit, Instant lastAsked) {}

    private final Duration forgetAfter;
    private final Map<String, LinkedHashMap<String, Waiter>> lines = new ConcurrentHashMap<>();

    WaitingLines(Duration forgetAfter) {
        this.forgetAfter = forgetAfter;
    }

    /** Puts {@code holder} at the end of the line, or keeps its place if it is in line already. */
    synchronized void join(String quota, String holder, int limit, Instant now) {
        line(quota).compute(holder, (key, waiter) -> new Waiter(holder, limit, now));
    }

    /** The first in line, forgetting those that stopped asking. */
    synchronized Optional<Waiter> first(String quota, Instant now) {
        Iterator<Waiter> waiters = line(quota).values().iterator();
        while (waiters.hasNext()) {
            Waiter waiter = waiters.next();
            if (waiter.lastAsked().plus(forgetAfter).isAfter(now)) {
                return Optional.of(waiter);
            }
            waiters.remove();
        }
        return Optional.empty();
    }

    /** Takes {@code holder} out of the line; answers whether it was in it. */
    synchronized boolean leave(String quota, String holder) {
        LinkedHashMap<String, Waiter> line = lines.get(quota);
        return line != null && line.remove(holder) != null;
    }

    /** The quotas {@code holder} waits for. */
    synchronized List<String> quotasAwaitedBy(String holder) {
        return lines.entrySet().stream()
                .filter(line -> line.getValue().containsKey(holder))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Who waits for {@code quota}, first in line first. */
    synchronized List<String> waiting(String quota) {
        LinkedHashMap<String, Waiter> line = lines.get(quota);
        return line == null ? List.of() : List.copyOf(line.keySet());
    }

    private LinkedHashMap<String, Waiter> line(String quota) {
        return lines.computeIfAbsent(quota, name -> new LinkedHashMap<>());
    }
}
