package io.dmflow.api.retention;

import io.dmflow.api.database.Sql;
import io.dmflow.api.execution.FinalStatuses;
import io.dmflow.engine.EmbeddedEngine;
import io.dmflow.engine.history.EngineHistory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Removes what ended longer ago than {@link RetentionConfig#history()}: ended executions with their status history
 * and log, the job effects kept against redelivery, recorded device values, and (on the embedded engine) the ended
 * process instances and expired messages. Tasks, templates, resources and the latest value of every path stay.
 * Without it the database grows with every execution ever run.
 */
@ApplicationScoped
public class HistoryRetention {

    private static final Logger LOG = Logger.getLogger(HistoryRetention.class);

    @Inject
    RetentionConfig config;

    @Inject
    Sql sql;

    @Inject
    EmbeddedEngine engine;

    private ScheduledExecutorService timer;

    void start(@Observes @Priority(400) StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dmflow-retention");
            thread.setDaemon(true);
            return thread;
        });
        long millis = config.interval().toMillis();
        timer.scheduleWithFixedDelay(this::round, millis, millis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void round() {
        try {
            Removed removed = removeOlderThanRetention();
            if (removed.any()) {
                LOG.infof(
                        "Removed what ended before %s: %d executions, %d job effects, %d device values,"
                                + " %d process instances, %d messages",
                        removed.cutoff(),
                        removed.executions(),
                        removed.jobEffects(),
                        removed.deviceValues(),
                        removed.processInstances(),
                        removed.messages());
            }
        } catch (RuntimeException e) {
            // The next round tries again; nothing is half-removed, each batch is a transaction of its own.
            LOG.warnf("Removing old history failed: %s", e.getMessage());
        }
    }

    /** What one removal took away, and the moment before which it did. */
    public record Removed(
            Instant cutoff, int executions, int jobEffects, int deviceValues, int processInstances, int messages) {

        boolean any() {
            return executions + jobEffects + deviceValues + processInstances + messages > 0;
        }
    }

    /** Removes, batch after batch, everything that ended before now minus the retention. */
    public Removed removeOlderThanRetention() {
        return removeEndedBefore(
                Instant.now().minus(config.history()),
                engine.clock().millis() - config.history().toMillis());
    }

    /**
     * Removes what ended before {@code cutoff}, and the embedded engine's instances that ended before
     * {@code engineCutoffMillis} on the engine's clock (which tests may have moved).
     */
    public Removed removeEndedBefore(Instant cutoff, long engineCutoffMillis) {
        int batch = config.batch();
        int executions = inBatches(
                "DELETE FROM dmflow.execution WHERE id IN (SELECT id FROM dmflow.execution WHERE ended_at < ?"
                        + " AND status IN " + FinalStatuses.SQL_LIST + " LIMIT ?)",
                cutoff,
                batch);
        int jobEffects = inBatches(
                "DELETE FROM dmflow.job_effect WHERE job_key IN (SELECT job_key FROM dmflow.job_effect"
                        + " WHERE applied_at < ? LIMIT ?)",
                cutoff,
                batch);
        int deviceValues = inBatches(
                "DELETE FROM dmflow.device_value_history WHERE id IN (SELECT id FROM dmflow.device_value_history"
                        + " WHERE observed_at < ? LIMIT ?)",
                cutoff,
                batch);
        int instances = 0;
        int messages = 0;
        // Only the embedded engine has history here; a Camunda 8 cluster keeps its own by its own retention.
        if (engine.history() != null) {
            for (EngineHistory.Removed round = engine.history().removeEndedBefore(engineCutoffMillis, batch);
                    !round.isEmpty();
                    round = engine.history().removeEndedBefore(engineCutoffMillis, batch)) {
                instances += round.rootInstances();
                messages += round.messages();
            }
        }
        return new Removed(cutoff, executions, jobEffects, deviceValues, instances, messages);
    }

    private int inBatches(String statement, Instant cutoff, int batch) {
        int total = 0;
        int removed;
        do {
            removed = sql.update(statement, Sql.timestamp(cutoff), batch);
            total += removed;
        } while (removed == batch);
        return total;
    }
}
