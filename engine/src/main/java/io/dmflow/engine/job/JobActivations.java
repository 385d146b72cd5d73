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
 * with an empty list when its request timeout ends.
 */
public final class JobActivations implements JobAvailability {
  private static final Logger LOG = Logger.getLogger(JobActivations.class);

  private final JobActivator activator;
  private final ExecutorService drainers;
  private final ScheduledExecutorService timeouts;
  private final long defaultRequestTimeout;
  private final Map<String, TypeQueue> queues = new ConcurrentHashMap<>();

  public JobActivations(JobActivator activator, ExecutorService drainers, ScheduledExecutorService timeouts,
      long defaultRequestTimeout) {
    this.activator = activator;
    this.drainers = drainers;
    this.timeouts = timeouts;
    this.defaultRequestTimeout = defaultRequestTimeout;
  }

  public CompletableFuture<List<ActivatedJob>> activate(ActivationRequest request) {
    TypeQueue queue = queues.computeIfAbsent(request.type(), t -> new TypeQueue());
    long signalsBefore = queue.signals.get();
    List<ActivatedJob> jobs = activator.activate(request);
    if (!jobs.isEmpty() || request.requestTimeout() < 0) {
      return CompletableFuture.completedFuture(jobs);
    }
    Parked parked = new Parked(request, new CompletableFuture<>());
    queue.parked.add(parked);
    long timeout = request.requestTimeout() == 0 ? defaultRequestTimeout : request.requestTimeout();
    timeouts.schedule(() -> parked.expire(queue), Math.max(timeout - 50, 1), TimeUnit.MILLISECONDS);
    if (queue.signals.get() != signalsBefore) {
      // a job appeared between the attempt and parking: do not wait for the next signal
      scheduleDrain(queue);
    }
    return parked.future;
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
        parked.future.complete(jobs);
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
