package io.dmflow.api.database;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Writes that many threads ask for at once, made in one transaction: one thread writes whatever queued up while it
 * wrote the last batch, so a batch is a single item when dmflow is idle and grows with the load, and the database
 * sees one transaction where it saw one per item. Each item's stage completes once its batch is committed (or fails
 * with the batch), so a caller that waits for it reads its own write.
 *
 * @param <T> what one caller asks to be written
 */
public final class GroupCommit<T> implements AutoCloseable {

    private record Pending<T>(T item, CompletableFuture<Void> written) {}

    private final Consumer<List<T>> write;
    private final Queue<Pending<T>> queued = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final ExecutorService writer;

    /**
     * @param threadName the writer thread's name
     * @param write writes a batch in one transaction; throws when nothing of it was kept
     */
    public GroupCommit(String threadName, Consumer<List<T>> write) {
        this.write = write;
        this.writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues the item; the stage completes when it is committed. */
    public CompletableFuture<Void> submit(T item) {
        Pending<T> pending = new Pending<>(item, new CompletableFuture<>());
        queued.add(pending);
        if (writing.compareAndSet(false, true)) {
            try {
                writer.execute(this::writeQueued);
            } catch (RejectedExecutionException e) {
                pending.written().completeExceptionally(new IllegalStateException("dmflow is stopping", e));
            }
        }
        return pending.written();
    }

    @Override
    public void close() {
        writer.shutdown();
    }

    private void writeQueued() {
        // Cleared before the queue is read: an item queued from here on finds no writer and starts the next round.
        writing.set(false);
        List<Pending<T>> batch = new ArrayList<>();
        for (Pending<T> pending = queued.poll(); pending != null; pending = queued.poll()) {
            batch.add(pending);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            write.accept(batch.stream().map(Pending::item).toList());
            batch.forEach(pending -> pending.written().complete(null));
        } catch (RuntimeException e) {
            batch.forEach(pending -> pending.written().completeExceptionally(e));
        }
    }
}
