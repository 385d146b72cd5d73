package io.dmflow.workers.quota;

import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;

/** What the quota jobs share: the quota's name and who holds its slot. */
final class QuotaInputs {

    static final String NAME = "name";
    static final String LIMIT = "limit";

    private QuotaInputs() {}

    /** The execution holds the slot; a flow started outside dmflow's executions, its process instance. */
    static String holder(JobInputs inputs, JobIdentity job) {
        return inputs.executionId().orElse("process-instance-" + job.processInstanceKey());
    }
}
