package io.dmflow.engine.job;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Long polling: an activation that finds nothing is parked and answered as soon as a job of its
 * type becomes activatable (signalled in-process after the creating transaction commits), or
 * with an empty list when its request timeout ends. An activation whose client has gone is
 * abandoned: it leaves the queue, and jobs already activated for it are given back at once, so
 * they never wait for their job timeout.
 */
public final class JobActivations implements JobAvailability {
    private static final Logger LOG = Logger.getLogger(JobActivations.class);

    private final JobActivator activator;
    private final ExecutorService drainers;
    private final ScheduledExecutorService timeouts;
    private final long defaultRequestTimeout;
    private final Map<String, TypeQueue> queues = new ConcurrentHashMap<>();
    private final AtomicLong abandoned = new AtomicLong();
    private volatile boolean closing;

    public JobActivations(
            JobActivator activator,
            ExecutorService drainers,
            ScheduledExecutorService timeouts,
            long defaultRequestTimeout) {
        this.activator = activator;
        this.drainers = drainers;
        this.timeouts = timeouts;
        this.defaultRequestTimeout = defaultRequestTimeout;
    }

    /**
     * Answers {@code answer} with the jobs activated for the request, now or once some arrive. The
     * caller may {@link #abandon} the answer at any time, from any thread.
     */
    public void activate(ActivationRequest request, CompletableFuture<List<ActivatedJob>> answer) {
        TypeQueue queue = queues.computeIfAbsent(request.type(), t -> new TypeQueue());
        long signalsBefore = queue.signals.get();
        List<ActivatedJob> jobs = activator.activate(request);
        if (!jobs.isEmpty() || request.requestTimeout() < 0 || closing) {
            deliver(answer, jobs);
            return;
        }
        if (answer.isDone()) {
            return;
        }
        Parked parked = new Parked(request, answer);
        queue.parked.add(parked);
        long timeout = request.requestTimeout() == 0 ? defaultRequestTimeout : request.requestTimeout();
        timeouts.schedule(() -> parked.expire(queue), Math.max(timeout - 50, 1), TimeUnit.MILLISECONDS);
        if (queue.signals.get() != signalsBefore) {
            // a job appeared between the attempt and parking: do not wait for the next signal
            scheduleDrain(queue);
        }
    }

    /**
     * The client of an activation has gone before its answer was written: it no longer waits, and
     * the jobs it was given (if any) become activatable again, with their retries untouched.
     */
    public void abandon(CompletableFuture<List<ActivatedJob>> answer) {
        if (answer.cancel(false)) {
            abandoned.incrementAndGet();
            queues.values().forEach(queue -> queue.parked.removeIf(parked -> parked.future == answer));
        } else if (!answer.isCompletedExceptionally()) {
            abandoned.incrementAndGet();
            giveBack(answer.getNow(List.of()));
        }
    }

    /**
     * The application is stopping: every parked activation is answered now, without jobs, and none parks
     * from here on, so that the HTTP server's graceful stop does not wait out the long polls.
     */
    public void close() {
        closing = true;
        queues.values().forEach(queue -> {
            Parked parked;
            while ((parked = queue.parked.poll()) != null) {
                parked.expire(queue);
            }
        });
    }

    /** How many activations were abandoned by their clients since the start. */
    public long abandonedCount() {
        return abandoned.get();
    }

    /** How many activations of a type are parked now. */
    public int parkedCount(String type) {
        TypeQueue queue = queues.get(type);
        return queue == null
                ? 0
                : (int) queue.parked.stream().filter(p -> !p.future.isDone()).count();
    }

    private void deliver(CompletableFuture<List<ActivatedJob>> answer, List<ActivatedJob> jobs) {
        if (!answer.complete(jobs)) {
            giveBack(jobs); // abandoned while the jobs were being activated
        }
    }

    private void giveBack(List<ActivatedJob> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        // off the caller's thread: abandonment is noticed on an HTTP event loop, which must not block
        drainers.execute(() -> {
            try {
                List<String> types = activator.giveBack(jobs);
                LOG.infof(
                        "Gave back %d of %d job(s) activated for worker '%s': its client went away before receiving them",
                        types.size(), jobs.size(), jobs.get(0).worker());
                types.stream().distinct().forEach(this::jobsAvailable);
            } catch (RuntimeException e) {
                LOG.warn("giving back undelivered jobs failed; they return at their job timeout", e);
            }
        });
    }

    @Override
    public void jobsAvailable(String type) {
        TypeQueue queue = queues.computeIfAbsent(type, t -> new TypeQueue());
        queue.signals.incrementAndGet();
        if (!queue.parked.isEmpty()) {
            scheduleDrain(queue);
        }
    }

    private void scheduleDrain(TypeQueue queue) {
        if (queue.drainScheduled.compareAndSet(false, true)) {
            drainers.execute(() -> {
                queue.drainScheduled.set(false);
                drain(queue);
            });
        }
    }

    private void drain(TypeQueue queue) {
        Parked parked;
        while ((parked = queue.parked.peek()) != null) {
            synchronized (parked) {
                if (parked.future.isDone()) {
                    queue.parked.remove(parked);
                    continue;
                }
                List<ActivatedJob> jobs;
                try {
                    jobs = activator.activate(parked.request);
                } catch (RuntimeException e) {
                    LOG.warn("parked job activation failed", e);
                    queue.parked.remove(parked);
                    parked.future.completeExceptionally(e);
                    continue;
                }
                if (jobs.isEmpty()) {
                    return;
                }
                queue.parked.remove(parked);
                deliver(parked.future, jobs);
            }
        }
    }

    private static final class TypeQueue {
        final Queue<Parked> parked = new ConcurrentLinkedQueue<>();
        final AtomicLong signals = new AtomicLong();
        final AtomicBoolean drainScheduled = new AtomicBoolean();
    }

    private record Parked(ActivationRequest request, CompletableFuture<List<ActivatedJob>> future) {
        void expire(TypeQueue queue) {
            synchronized (this) {
                queue.parked.remove(this);
                future.complete(List.of());
            }
        }
    }
}
