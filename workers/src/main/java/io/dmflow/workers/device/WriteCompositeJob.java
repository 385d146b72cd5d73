package io.dmflow.workers.device;

import io.dmflow.contract.JobType;
import io.dmflow.lwm2m.operation.DeviceClient;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** {@code lwm2m.write-composite}: writes the map {@code values} (key to value) in one request. */
public final class WriteCompositeJob implements DmflowJob {

    private final DeviceClient operations;

    public WriteCompositeJob(DeviceClient operations) {
        this.operations = operations;
    }

    @Override
    public String type() {
        return JobType.LWM2M_WRITE_COMPOSITE;
    }

    @Override
    public List<String> inputs() {
        return List.of(DeviceInputs.ENDPOINT, "values");
    }

    @Override
    public boolean hasEffect() {
        return true;
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        return operations
                .writeComposite(inputs.text(DeviceInputs.ENDPOINT), inputs.map("values"))
                .thenApply(done -> Map.of());
    }
}
