package io.dmflow.api.execution;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Lets a caller wait, bounded, for an execution to end: woken when this process records the end, and looking at
 * the database between wake-ups, since another dmflow process sharing it may be the one that records it.
 */
@ApplicationScoped
public class ExecutionEndings {

    private static final Duration LOOK_EVERY = Duration.ofMillis(500);

    private final Map<String, CompletableFuture<Void>> awaited = new ConcurrentHashMap<>();

    void onEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) ExecutionEnded ended) {
        CompletableFuture<Void> waiter = awaited.get(ended.executionId());
        if (waiter != null) {
            waiter.complete(null);
        }
    }

    /**
     * Waits until the execution has ended or {@code timeout} has passed, and between looks at the database asks
     * {@code stop} whether to give up early; answers the execution as it is then.
     */
    public Execution await(String executionId, Duration timeout, Predicate<Execution> stop)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<Void> waiter = awaited.computeIfAbsent(executionId, id -> new CompletableFuture<>());
        try {
            while (true) {
                Execution execution =
                        QuarkusTransaction.requiringNew().call(() -> Execution.<Execution>findById(executionId));
                long left = deadline - System.nanoTime();
                if (execution == null || execution.status.isFinal() || left <= 0 || stop.test(execution)) {
                    return execution;
                }
                try {
                    waiter.get(Math.min(left, LOOK_EVERY.toNanos()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // Not ended here yet: look at the database again.
                }
            }
        } finally {
            awaited.remove(executionId, waiter);
        }
    }
}
