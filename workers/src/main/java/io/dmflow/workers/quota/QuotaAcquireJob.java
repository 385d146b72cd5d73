package io.dmflow.workers.quota;

import io.dmflow.contract.JobType;
import io.dmflow.contract.MessageName;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.InvalidJobInput;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import io.dmflow.workers.store.Quotas;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code dm.quota.acquire}: takes a slot of quota {@code name} for the execution, if fewer than {@code limit} (or
 * the setting {@code dmflow.quota.<name>}) are taken and nobody asked before it; sets {@code quotaGranted}, and
 * {@code quotaWaitKey}, the correlation key of the {@code quota.slot-granted} message that says a slot has been
 * handed to it. It never waits: a flow that gets no slot is in the quota's waiting line and waits for that message
 * (with a fallback timer, then asks again), so a full quota holds no worker.
 */
public final class QuotaAcquireJob implements DmflowJob {

    public static final String GRANTED = "quotaGranted";
    public static final String WAIT_KEY = "quotaWaitKey";

    private final Quotas quotas;

    public QuotaAcquireJob(Quotas quotas) {
        this.quotas = quotas;
    }

    @Override
    public String type() {
        return JobType.DM_QUOTA_ACQUIRE;
    }

    @Override
    public List<String> inputs() {
        return List.of(QuotaInputs.NAME, QuotaInputs.LIMIT);
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        String name = inputs.text(QuotaInputs.NAME);
        int limit = inputs.optionalLong(QuotaInputs.LIMIT).map(Math::toIntExact).orElseGet(() -> configuredLimit(name));
        if (limit < 1) {
            throw new InvalidJobInput(type(), QuotaInputs.LIMIT, "must be at least 1, not " + limit);
        }
        String holder = QuotaInputs.holder(inputs, job);
        boolean granted = quotas.acquire(name, limit, holder);
        return CompletableFuture.completedFuture(
                Map.of(GRANTED, granted, WAIT_KEY, MessageName.quotaSlotKey(name, holder)));
    }

    private int configuredLimit(String name) {
        OptionalInt configured = quotas.configuredLimit(name);
        if (configured.isEmpty()) {
            throw new InvalidJobInput(
                    type(),
                    QuotaInputs.LIMIT,
                    "is missing and the setting dmflow.quota." + name + " gives quota '" + name + "' no limit");
        }
        return configured.getAsInt();
    }
}
