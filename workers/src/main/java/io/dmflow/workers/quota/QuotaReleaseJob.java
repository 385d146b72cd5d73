package io.dmflow.workers.quota;

import io.dmflow.contract.JobType;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import io.dmflow.workers.store.Quotas;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code dm.quota.release}: gives the execution's slot of quota {@code name} back, or its place in the waiting line
 * (nothing if it has neither); the slot goes to the first in the line.
 */
public final class QuotaReleaseJob implements DmflowJob {

    private final Quotas quotas;

    public QuotaReleaseJob(Quotas quotas) {
        this.quotas = quotas;
    }

    @Override
    public String type() {
        return JobType.DM_QUOTA_RELEASE;
    }

    @Override
    public List<String> inputs() {
        return List.of(QuotaInputs.NAME);
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        quotas.release(inputs.text(QuotaInputs.NAME), QuotaInputs.holder(inputs, job));
        return CompletableFuture.completedFuture(Map.of());
    }
}
