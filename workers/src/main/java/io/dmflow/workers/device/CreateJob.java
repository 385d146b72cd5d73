package io.dmflow.workers.device;

import io.dmflow.contract.JobType;
import io.dmflow.lwm2m.operation.DeviceClient;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code lwm2m.create}: creates an instance of the object {@code key} names (the device picks its id), or
 * the instance {@code key} names, with the resource {@code values} (by id or name); sets {@code createdPath}.
 */
public final class CreateJob implements DmflowJob {

    private final DeviceClient operations;

    public CreateJob(DeviceClient operations) {
        this.operations = operations;
    }

    @Override
    public String type() {
        return JobType.LWM2M_CREATE;
    }

    @Override
    public List<String> inputs() {
        return List.of(DeviceInputs.ENDPOINT, DeviceInputs.KEY, "values");
    }

    @Override
    public boolean hasEffect() {
        return true;
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        String endpoint = inputs.text(DeviceInputs.ENDPOINT);
        String key = inputs.text(DeviceInputs.KEY);
        Map<String, Object> values = inputs.optionalMap("values").orElse(Map.of());
        return operations.create(endpoint, key, values).thenApply(created -> Map.of("createdPath", created));
    }
}
