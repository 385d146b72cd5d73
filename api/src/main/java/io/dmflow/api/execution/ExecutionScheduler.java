package io.dmflow.api.execution;

import io.dmflow.contract.ExecutionStatus;
import io.dmflow.lwm2m.event.DeviceEventListener;
import io.dmflow.lwm2m.event.DeviceRegistration;
import io.dmflow.lwm2m.event.DeviceValue;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Starts executions on devices as the rules of {@link ExecutionQueue} allow: at submission, at a device's
 * contact, when an execution ends or starts to wait. Work for one device is coalesced (a burst of events
 * is one look, a chatty device's contacts one look a second), and devices are looked at in parallel, so a
 * slow device never holds up the others. It holds nothing per execution in memory: the queue is in
 * PostgreSQL.
 */
@ApplicationScoped
public class ExecutionScheduler implements DeviceEventListener {

    private static final Logger LOG = Logger.getLogger(ExecutionScheduler.class);
    /** A device's contacts are looked at once a period at most (ContactLooks): a second is what a queue waits then. */
    private static final Duration CONTACT_LOOK_PERIOD = Duration.ofSeconds(1);

    @Inject
    SchedulerConfig config;

    @Inject
    ExecutionQueue queue;

    @Inject
    ProcessStarter starter;

    private final Map<String, Trigger> pending = new ConcurrentHashMap<>();
    private ExecutorService executor;
    private ScheduledExecutorService retries;
    private ContactLooks contacts;

    @PostConstruct
    void init() {
        executor = Executors.newFixedThreadPool(config.threads(), runnable -> {
            Thread thread = new Thread(runnable, "dmflow-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dmflow-scheduler-retry");
            thread.setDaemon(true);
            return thread;
        });
        contacts = new ContactLooks(CONTACT_LOOK_PERIOD, retries, endpoint -> kick(endpoint, Trigger.CONTACT));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
        retries.shutdownNow();
    }

    void onRequest(@Observes(during = TransactionPhase.AFTER_SUCCESS) SchedulingRequest request) {
        kick(request.endpoint(), request.trigger());
    }

    public void kick(String endpoint, Trigger trigger) {
        if (executor.isShutdown()) {
            return;
        }
        boolean[] fresh = {false};
        pending.compute(endpoint, (key, waiting) -> {
            fresh[0] = waiting == null;
            return waiting == null ? trigger : stronger(waiting, trigger);
        });
        if (!fresh[0]) {
            return;
        }
        executor.execute(() -> {
            Trigger current = pending.remove(endpoint);
            if (current != null) {
                look(endpoint, current);
            }
        });
    }

    public void kickAll(List<String> endpoints, Trigger trigger) {
        endpoints.forEach(endpoint -> kick(endpoint, trigger));
    }

    private void look(String endpoint, Trigger trigger) {
        Optional<ProcessStarter.Start> next;
        try {
            if (!queue.mayStart(endpoint)) {
                return;
            }
            next = queue.next(endpoint, trigger);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not schedule executions of %s; trying again shortly", endpoint);
            retryLater(endpoint, trigger);
            return;
        }
        next.ifPresent(start -> start(endpoint, start));
    }

    private void start(String endpoint, ProcessStarter.Start start) {
        String executionId = start.executionId();
        try {
            long key = starter.start(start);
            queue.started(executionId, start.processId(), key);
        } catch (ProcessStarter.Unstartable e) {
            queue.ended(executionId, ExecutionStatus.ERROR, e.getMessage());
            kick(endpoint, Trigger.ENDED);
        } catch (RuntimeException e) {
            startFailed(endpoint, executionId, e);
        }
    }

    /**
     * The engine may have created the instance before the answer was lost: it runs again only when the
     * engine says it has none. When the engine cannot say, the reconciler decides once the start is overdue.
     */
    private void startFailed(String endpoint, String executionId, RuntimeException failure) {
        Optional<ProcessStarter.Running> running;
        try {
            running = starter.running(executionId);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Could not start execution %s on %s: %s; it is looked at again when the engine answers",
                    executionId, endpoint, failure.getMessage());
            return;
        }
        if (running.isPresent()) {
            queue.started(executionId, running.get().processId(), running.get().processInstanceKey());
            return;
        }
        LOG.warnf(
                "Could not start execution %s on %s: %s; it stays queued", executionId, endpoint, failure.getMessage());
        queue.requeue(executionId, "the workflow engine could not be reached: " + failure.getMessage());
        retryLater(endpoint, Trigger.ENDED);
    }

    private void retryLater(String endpoint, Trigger trigger) {
        if (!retries.isShutdown()) {
            retries.schedule(() -> kick(endpoint, trigger), 2, TimeUnit.SECONDS);
        }
    }

    /** When kicks for one device pile up, the one that allows most wins. */
    private static Trigger stronger(Trigger a, Trigger b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(Trigger trigger) {
        return switch (trigger) {
            case SUBMITTED -> 0;
            case RECOVERY -> 1;
            case WENT_WAITING -> 2;
            case ENDED -> 3;
            case CONTACT -> 4;
        };
    }

    @Override
    public void registered(DeviceRegistration registration) {
        contacts.contact(registration.endpoint());
    }

    @Override
    public void updated(DeviceRegistration registration) {
        contacts.contact(registration.endpoint());
    }

    @Override
    public void awake(DeviceRegistration registration) {
        contacts.contact(registration.endpoint());
    }

    @Override
    public void notified(DeviceRegistration registration, DeviceValue value) {
        contacts.contact(registration.endpoint());
    }

    @Override
    public void sent(DeviceRegistration registration, List<DeviceValue> values) {
        contacts.contact(registration.endpoint());
    }
}
