package io.dmflow.workers.job;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The work behind one job type. Runs asynchronously: a slow device holds no worker thread. Failures are
 * reported as exceptions ({@link io.dmflow.lwm2m.operation.OperationFailure}, {@link InvalidJobInput},
 * anything else is dmflow's own fault) and mapped to BPMN errors, incidents or retries by {@link JobRunner}.
 */
public interface DmflowJob {

    /** The job type, one of {@link io.dmflow.contract.JobType}. */
    String type();

    /** The variables the job reads: only these are fetched from the engine. */
    List<String> inputs();

    /**
     * Whether the job changes a device or a store, so that a job delivered again (after a crash or a
     * timeout) must not apply it twice; its outputs are then answered from the record of the first run.
     */
    default boolean hasEffect() {
        return false;
    }

    /**
     * Whether running the job means its execution works again: a flow that waited for its device resumes with a
     * device operation, so each job first records its execution as in progress (a write per job). A job that sets
     * the execution's status itself says no and is spared that write.
     */
    default boolean resumesExecution() {
        return true;
    }

    /** Does the work; the stage completes with the variables to set on completion. */
    CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job);
}
