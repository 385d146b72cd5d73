package io.dmflow.engine.command;

import io.dmflow.engine.job.JobActivations;
import io.dmflow.engine.processing.behavior.BpmnExecution;
import io.dmflow.engine.processing.behavior.EngineServices;
import io.dmflow.engine.timer.TimerSchedule;
import io.dmflow.engine.timer.TimerStore.Timer;
import io.dmflow.engine.transaction.CommandRunner;
import io.dmflow.engine.transaction.EngineTransaction;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * What falls due with time: timers (never before their due date by the engine clock), job
 * deadlines, retry back-offs, message expiry, and message assignments not yet applied.
 */
public final class DueWork {
    private static final Logger LOG = Logger.getLogger(DueWork.class);
    private static final int BATCH = 200;

    private final CommandRunner runner;
    private final EngineServices services;
    private final JobActivations activations;
    private final MessageCommands messages;

    public DueWork(
            CommandRunner runner, EngineServices services, JobActivations activations, MessageCommands messages) {
        this.runner = runner;
        this.services = services;
        this.activations = activations;
        this.messages = messages;
    }

    /** One round at a time: the periodic round and one a pinned clock triggers must not overlap. */
    public synchronized void runOnce() {
        fireDueTimers();
        List<String> recurred = runner.run(tx -> tx.jobs().reactivateDue(tx.now()));
        recurred.stream().distinct().forEach(activations::jobsAvailable);
        runner.run(tx -> tx.messages().expire(tx.now()));
        messages.applyPending(BATCH);
    }

    /** A timer start event: a new instance of its (latest) version; cycles are rescheduled. */
    private void fireStartTimer(EngineTransaction tx, BpmnExecution execution, Timer due) {
        // locked, then read again: another round may have fired and rescheduled it meanwhile
        tx.timers().lock(due.key());
        Timer timer = tx.timers().find(due.key()).orElse(null);
        if (timer == null || !"CREATED".equals(timer.state()) || timer.dueDate() > tx.now()) {
            return;
        }
        if (timer.cycleInterval() != null && (timer.repetitions() < 0 || timer.repetitions() > 1)) {
            tx.timers()
                    .reschedule(
                            timer.key(),
                            TimerSchedule.next(timer.cycleInterval(), timer.dueDate()),
                            timer.repetitions() < 0 ? -1 : timer.repetitions() - 1);
        } else {
            tx.timers().triggered(timer.key());
        }
        var definition = services.definitions().find(tx.sql(), timer.ownerKey()).orElseThrow();
        execution.createProcessInstanceAt(definition, timer.targetElementId(), Map.of(), null);
    }

    private void fireDueTimers() {
        List<Timer> due = runner.run(tx -> tx.timers().due(tx.now(), BATCH));
        for (Timer timer : due) {
            try {
                runner.run(tx -> {
                    BpmnExecution execution = new BpmnExecution(tx, services);
                    if (timer.processInstanceKey() == 0) {
                        fireStartTimer(tx, execution, timer);
                    } else {
                        tx.sql().lockInstanceTree(timer.rootProcessInstanceKey());
                        execution.eventTriggers().fireTimer(timer.key());
                    }
                    execution.run();
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.warnf(e, "firing timer %d failed; retried on the next round", timer.key());
            }
        }
    }
}
