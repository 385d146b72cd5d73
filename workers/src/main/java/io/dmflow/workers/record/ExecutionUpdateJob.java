package io.dmflow.workers.record;

import io.dmflow.contract.ExecutionStatus;
import io.dmflow.contract.JobType;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.InvalidJobInput;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import io.dmflow.workers.store.ExecutionReports;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code dm.execution.update}: records the execution's {@code status} and its {@code result} and {@code details}. */
public final class ExecutionUpdateJob implements DmflowJob {

    private static final String NOT_STARTED = "NOT_STARTED";
    private static final String SETTABLE = "SUCCESS, WARNING, ERROR, IN_PROGRESS, WAITING_FOR_DEVICE, NOT_STARTED";

    private final ExecutionReports reports;

    public ExecutionUpdateJob(ExecutionReports reports) {
        this.reports = reports;
    }

    @Override
    public String type() {
        return JobType.DM_EXECUTION_UPDATE;
    }

    @Override
    public List<String> inputs() {
        return List.of("status", "result", "details", "execution");
    }

    /** It sets the execution's status itself. */
    @Override
    public boolean resumesExecution() {
        return false;
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        String text = inputs.text("status").trim().toUpperCase();
        String details = inputs.optionalString("details").orElse(null);
        ExecutionStatus status;
        if (text.equals(NOT_STARTED)) {
            // The task language's finish status="NOT_STARTED": the flow decided there was nothing to do.
            status = ExecutionStatus.CANCELLED;
            details = details == null ? "the flow finished as NOT_STARTED" : details;
        } else {
            try {
                status = ExecutionStatus.valueOf(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidJobInput(type(), "status", "must be one of " + SETTABLE + ", not " + text);
            }
        }
        if (status == ExecutionStatus.QUEUED) {
            throw new InvalidJobInput(type(), "status", "cannot be set by a flow: " + status);
        }
        String executionId = inputs.executionId()
                .orElseThrow(() -> new InvalidJobInput(
                        type(), "execution", "is missing: the process was not started as a dmflow execution"));
        reports.report(executionId, status, inputs.optionalString("result").orElse(null), details);
        return CompletableFuture.completedFuture(Map.of());
    }
}
