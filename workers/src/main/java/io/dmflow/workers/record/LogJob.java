package io.dmflow.workers.record;

import io.dmflow.contract.JobType;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.InvalidJobInput;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import io.dmflow.workers.store.ExecutionLog;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code dm.log}: appends {@code message} at {@code level} (INFO default, WARN, ERROR, DEBUG) to the execution's log. */
public final class LogJob implements DmflowJob {

    private static final Logger LOG = LoggerFactory.getLogger(LogJob.class);
    private static final Set<String> LEVELS = Set.of("DEBUG", "INFO", "WARN", "WARNING", "ERROR");

    private final ExecutionLog log;

    public LogJob(ExecutionLog log) {
        this.log = log;
    }

    @Override
    public String type() {
        return JobType.DM_LOG;
    }

    @Override
    public List<String> inputs() {
        return List.of("message", "level", "execution");
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        String message = inputs.optionalString("message").orElse("");
        String level = inputs.optionalString("level")
                .filter(text -> !text.isBlank())
                .map(text -> text.trim().toUpperCase(Locale.ROOT))
                .orElse("INFO");
        if (!LEVELS.contains(level)) {
            throw new InvalidJobInput(type(), "level", "must be one of DEBUG, INFO, WARN, ERROR, not " + level);
        }
        String normalized = level.equals("WARNING") ? "WARN" : level;
        inputs.executionId()
                .ifPresentOrElse(
                        id -> log.append(id, job.key(), normalized, message),
                        () -> LOG.info("[process instance {}] {} {}", job.processInstanceKey(), normalized, message));
        return CompletableFuture.completedFuture(Map.of());
    }
}
