package io.dmflow.workers.record;

import io.dmflow.contract.JobType;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.InvalidJobInput;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import io.dmflow.workers.store.DataModelCache;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code dm.device-value.read}: the value the device last reported for {@code key} (a path), from the data model
 * cache, without asking the device; sets {@code cached} (whether there is one) and {@code value}.
 */
public final class DeviceValueReadJob implements DmflowJob {

    private final DataModelCache cache;

    public DeviceValueReadJob(DataModelCache cache) {
        this.cache = cache;
    }

    @Override
    public String type() {
        return JobType.DM_DEVICE_VALUE_READ;
    }

    @Override
    public List<String> inputs() {
        return List.of("endpoint", "key");
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        String key = inputs.text("key");
        if (!key.startsWith("/")) {
            throw new InvalidJobInput(type(), "key", "must be a path such as /5/0/3, not " + key);
        }
        Map<String, Object> outputs = new HashMap<>();
        var latest = cache.latest(inputs.text("endpoint"), key);
        outputs.put("cached", latest.isPresent());
        outputs.put("value", latest.orElse(null));
        return CompletableFuture.completedFuture(outputs);
    }
}
