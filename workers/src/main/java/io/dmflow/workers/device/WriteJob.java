package io.dmflow.workers.device;

import io.dmflow.contract.JobType;
import io.dmflow.lwm2m.operation.DeviceClient;
import io.dmflow.lwm2m.operation.WriteMode;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.InvalidJobInput;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code lwm2m.write}: writes {@code value} to {@code key}, converted to the resource's type; {@code mode}
 * {@code replace} (default) or {@code update} (partial update of an instance).
 */
public final class WriteJob implements DmflowJob {

    private final DeviceClient operations;

    public WriteJob(DeviceClient operations) {
        this.operations = operations;
    }

    @Override
    public String type() {
        return JobType.LWM2M_WRITE;
    }

    @Override
    public List<String> inputs() {
        return List.of(DeviceInputs.ENDPOINT, DeviceInputs.KEY, "value", "mode");
    }

    @Override
    public boolean hasEffect() {
        return true;
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        String endpoint = inputs.text(DeviceInputs.ENDPOINT);
        String key = inputs.text(DeviceInputs.KEY);
        Object value = inputs.value("value");
        WriteMode mode = inputs.optionalString("mode")
                .filter(text -> !text.isBlank())
                .map(text -> {
                    try {
                        return WriteMode.valueOf(text.trim().toUpperCase());
                    } catch (IllegalArgumentException e) {
                        throw new InvalidJobInput(type(), "mode", "must be replace or update, not " + text);
                    }
                })
                .orElse(WriteMode.REPLACE);
        return operations.write(endpoint, key, value, mode).thenApply(done -> Map.of());
    }
}
