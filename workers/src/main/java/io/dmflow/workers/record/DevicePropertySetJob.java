package io.dmflow.workers.record;

import io.dmflow.contract.JobType;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import io.dmflow.workers.store.DeviceProperties;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code dm.device-property.set}: stores the device property {@code name} = {@code value}. */
public final class DevicePropertySetJob implements DmflowJob {

    private final DeviceProperties properties;

    public DevicePropertySetJob(DeviceProperties properties) {
        this.properties = properties;
    }

    @Override
    public String type() {
        return JobType.DM_DEVICE_PROPERTY_SET;
    }

    @Override
    public List<String> inputs() {
        return List.of("endpoint", "name", "value");
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        // Setting the same value twice is harmless: no record of the effect is needed.
        properties.set(inputs.text("endpoint"), inputs.text("name"), inputs.string("value"));
        return CompletableFuture.completedFuture(Map.of());
    }
}
