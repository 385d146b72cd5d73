package io.dmflow.workers.device;

import io.dmflow.contract.JobType;
import io.dmflow.lwm2m.operation.DeviceClient;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code lwm2m.read-composite}: reads the list {@code keys} in one request; sets the variable named by
 * {@code output} (default {@code values}) to a map from path to the value's string form.
 */
public final class ReadCompositeJob implements DmflowJob {

    private final DeviceClient operations;

    public ReadCompositeJob(DeviceClient operations) {
        this.operations = operations;
    }

    @Override
    public String type() {
        return JobType.LWM2M_READ_COMPOSITE;
    }

    @Override
    public List<String> inputs() {
        return List.of(DeviceInputs.ENDPOINT, "keys", "output");
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        String output =
                inputs.optionalString("output").filter(name -> !name.isBlank()).orElse("values");
        return operations
                .readComposite(inputs.text(DeviceInputs.ENDPOINT), inputs.strings("keys"))
                .thenApply(results -> {
                    Map<String, Object> values = new LinkedHashMap<>();
                    results.forEach((path, result) -> values.put(path, ValueText.of(result.value())));
                    return Map.of(output, values);
                });
    }
}
