package io.dmflow.workers.device;

import io.dmflow.contract.JobType;
import io.dmflow.lwm2m.operation.DeviceClient;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** {@code lwm2m.execute}: executes {@code key} with the optional {@code arguments} (LwM2M argument syntax). */
public final class ExecuteJob implements DmflowJob {

    private final DeviceClient operations;

    public ExecuteJob(DeviceClient operations) {
        this.operations = operations;
    }

    @Override
    public String type() {
        return JobType.LWM2M_EXECUTE;
    }

    @Override
    public List<String> inputs() {
        return List.of(DeviceInputs.ENDPOINT, DeviceInputs.KEY, "arguments");
    }

    @Override
    public boolean hasEffect() {
        return true;
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        return operations
                .execute(
                        inputs.text(DeviceInputs.ENDPOINT),
                        inputs.text(DeviceInputs.KEY),
                        inputs.optionalString("arguments").orElse(null))
                .thenApply(done -> Map.of());
    }
}
