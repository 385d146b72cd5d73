package io.dmflow.api.observation;

import io.dmflow.lwm2m.event.DeviceValue;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the values flows read in the data model cache, many reads to a transaction: every read of every execution
 * wrote a transaction of its own before, a tenth of what a read-write-read execution cost the database. One thread
 * writes whatever has queued up while it wrote the last batch, so a batch is one read when dmflow is idle and grows
 * with the load; each read's stage completes once its values are committed, so a flow's next step (and the device's
 * page) sees them.
 */
@ApplicationScoped
public class DeviceValueBatches {

    private record Pending(List<DeviceValue> values, CompletableFuture<Void> kept) {}

    @Inject
    DeviceValueRecorder recorder;

    private final Queue<Pending> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "dmflow-value-writer");
        thread.setDaemon(true);
        return thread;
    });

    /** Completes when the values are committed; fails (alone) when they have no JSON form or the write failed. */
    public CompletableFuture<Void> keep(List<DeviceValue> values) {
        Pending pending = new Pending(values, new CompletableFuture<>());
        queued.add(pending);
        if (writing.compareAndSet(false, true)) {
            try {
                writer.execute(this::writeQueued);
            } catch (RejectedExecutionException e) {
                pending.kept().completeExceptionally(new IllegalStateException("dmflow is stopping", e));
            }
        }
        return pending.kept();
    }

    @PreDestroy
    void stop() {
        writer.shutdown();
    }

    private void writeQueued() {
        // Cleared before the queue is read: a value queued from here on finds no writer and starts the next round.
        writing.set(false);
        List<Pending> batch = new ArrayList<>();
        for (Pending pending = queued.poll(); pending != null; pending = queued.poll()) {
            batch.add(pending);
        }
        if (batch.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        List<Pending> writable = new ArrayList<>();
        for (Pending pending : batch) {
            try {
                rows.addAll(recorder.rows(pending.values()));
                writable.add(pending);
            } catch (IllegalArgumentException e) {
                pending.kept().completeExceptionally(e);
            }
        }
        try {
            recorder.write(rows);
            writable.forEach(pending -> pending.kept().complete(null));
        } catch (RuntimeException e) {
            writable.forEach(pending -> pending.kept().completeExceptionally(e));
        }
    }
}
