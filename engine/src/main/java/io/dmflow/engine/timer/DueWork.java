package io.dmflow.engine.timer;

import io.dmflow.engine.job.JobActivations;
import io.dmflow.engine.message.MessageCommands;
import io.dmflow.engine.processing.BpmnExecution;
import io.dmflow.engine.processing.CommandRunner;
import io.dmflow.engine.processing.EngineServices;
import io.dmflow.engine.timer.TimerStore.Timer;
import java.util.List;
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

  public DueWork(CommandRunner runner, EngineServices services, JobActivations activations, MessageCommands messages) {
    this.runner = runner;
    this.services = services;
    this.activations = activations;
    this.messages = messages;
  }

  public void runOnce() {
    fireDueTimers();
    List<String> recurred = runner.run(tx -> tx.sql().list(
        "UPDATE engine.job SET state = 'ACTIVATABLE', last_event = CASE WHEN state = 'ACTIVATED' THEN 'TIMED_OUT' "
            + "ELSE last_event END, deadline = NULL, backoff_until = NULL, last_update_time = ? WHERE job_key IN "
            + "(SELECT job_key FROM engine.job WHERE state = 'ACTIVATED' AND deadline < ? UNION ALL SELECT job_key FROM engine.job "
            + "WHERE state = 'FAILED' AND backoff_until <= ? AND retries > 0) RETURNING type",
        rs -> rs.getString(1), tx.now(), tx.now(), tx.now()));
    recurred.stream().distinct().forEach(activations::jobsAvailable);
    runner.run(tx -> tx.messages().expire(tx.now()));
    messages.applyPending(BATCH);
  }

  private void fireDueTimers() {
    List<Timer> due = runner.run(tx -> tx.timers().due(tx.now(), BATCH));
    for (Timer timer : due) {
      try {
        runner.run(tx -> {
          tx.sql().lockInstanceTree(timer.rootProcessInstanceKey());
          BpmnExecution execution = new BpmnExecution(tx, services);
          execution.eventTriggers().fireTimer(timer.key());
          execution.run();
          return null;
        });
      } catch (RuntimeException e) {
        LOG.warnf(e, "firing timer %d failed; retried on the next round", timer.key());
      }
    }
  }
}
