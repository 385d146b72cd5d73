package io.dmflow.workers.hold;

import io.dmflow.contract.JobType;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import io.dmflow.workers.store.DeviceHolds;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code dm.device.unlock}: the execution gives back the hold {@code dm.device.lock} took (a blocking task keeps
 * its device to the end regardless). Giving back twice changes nothing.
 */
public final class DeviceUnlockJob implements DmflowJob {

    private final DeviceHolds holds;

    public DeviceUnlockJob(DeviceHolds holds) {
        this.holds = holds;
    }

    @Override
    public String type() {
        return JobType.DM_DEVICE_UNLOCK;
    }

    @Override
    public List<String> inputs() {
        return List.of("endpoint");
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        holds.release(DeviceLockJob.heldBy(inputs, type(), holds));
        return CompletableFuture.completedFuture(Map.of());
    }
}
