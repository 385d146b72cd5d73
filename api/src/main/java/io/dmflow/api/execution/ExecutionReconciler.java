package io.dmflow.api.execution;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.dmflow.api.engine.EngineClient;
import io.dmflow.contract.ExecutionStatus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps executions in step with the engine where no flow reported: a user process that ended without
 * {@code dm.execution.update}, an instance cancelled in the engine, and an execution whose start a crash
 * interrupted (marked started, no instance recorded): the engine's instance is adopted if it made one, and
 * otherwise the execution goes back to the queue.
 */
@ApplicationScoped
public class ExecutionReconciler {

    private static final Logger LOG = Logger.getLogger(ExecutionReconciler.class);
    private static final Duration QUIET = Duration.ofSeconds(10);
    private static final Duration START_GRACE = Duration.ofSeconds(60);

    @Inject
    SchedulerConfig config;

    @Inject
    EngineClient engine;

    @Inject
    ExecutionRecords records;

    @Inject
    ExecutionQueue queue;

    @Inject
    ProcessStarter starter;

    @Inject
    ExecutionScheduler scheduler;

    private java.util.concurrent.ScheduledExecutorService timer;

    void start(@Observes @Priority(300) StartupEvent event) {
        timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dmflow-reconciler");
            thread.setDaemon(true);
            return thread;
        });
        long millis = config.reconcileInterval().toMillis();
        timer.scheduleWithFixedDelay(this::round, millis, millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    void round() {
        try {
            for (Execution execution : interruptedStarts()) {
                recoverStart(execution);
            }
            for (Execution execution : quietRunning()) {
                reconcile(execution);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Reconciling executions with the engine failed: %s", e.getMessage());
        }
    }

    private void reconcile(Execution execution) {
        ProcessInstance instance;
        try {
            instance = engine.client()
                    .newProcessInstanceGetRequest(execution.processInstanceKey)
                    .send()
                    .join();
        } catch (ProblemException e) {
            if (e.code() == 404) {
                records.report(
                        execution.id,
                        ExecutionStatus.ERROR,
                        null,
                        "the process instance " + execution.processInstanceKey + " no longer exists in the engine");
            }
            return;
        }
        if (instance.getState() == ProcessInstanceState.COMPLETED) {
            records.report(execution.id, ExecutionStatus.SUCCESS, null, null);
        } else if (instance.getState() == ProcessInstanceState.TERMINATED) {
            records.report(execution.id, ExecutionStatus.CANCELLED, null, "the process instance was cancelled");
        } else {
            touch(execution.id);
        }
    }

    @Transactional
    List<Execution> quietRunning() {
        return Execution.find(
                        "status in ?1 and processInstanceKey is not null and updatedAt < ?2 order by updatedAt",
                        List.of(ExecutionStatus.IN_PROGRESS, ExecutionStatus.WAITING_FOR_DEVICE),
                        Instant.now().minus(QUIET))
                .page(0, config.reconcileBatch())
                .list();
    }

    @Transactional
    void touch(String executionId) {
        Execution execution = Execution.findById(executionId);
        if (execution != null) {
            execution.updatedAt = Instant.now();
        }
    }

    @Transactional
    List<Execution> interruptedStarts() {
        // Waiting ones too: an instance whose key was lost may already have met its offline device.
        return Execution.list(
                "status in ?1 and processInstanceKey is null and startedAt < ?2",
                List.of(ExecutionStatus.IN_PROGRESS, ExecutionStatus.WAITING_FOR_DEVICE),
                Instant.now().minus(START_GRACE));
    }

    /**
     * A start that was interrupted either created its instance (the crash came before its key was recorded)
     * or did not: the engine knows which, by the execution's business id. Only the second runs again.
     */
    private void recoverStart(Execution execution) {
        Optional<ProcessStarter.Running> running = starter.running(execution.id);
        if (running.isPresent()) {
            queue.started(execution.id, running.get().processId(), running.get().processInstanceKey());
            LOG.infof(
                    "Execution %s runs as process instance %d, whose start a crash left unrecorded",
                    execution.id, running.get().processInstanceKey());
        } else {
            queue.requeue(execution.id, "its start was interrupted; queued again");
            scheduler.kick(execution.endpoint, Trigger.RECOVERY);
        }
    }
}
