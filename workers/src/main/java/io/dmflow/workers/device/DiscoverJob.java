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
 * {@code lwm2m.discover}: sets the variable named by {@code output} (default {@code links}) to the list of
 * discovered {@code {path, attributes}}.
 */
public final class DiscoverJob implements DmflowJob {

    private final DeviceClient operations;

    public DiscoverJob(DeviceClient operations) {
        this.operations = operations;
    }

    @Override
    public String type() {
        return JobType.LWM2M_DISCOVER;
    }

    @Override
    public List<String> inputs() {
        return List.of(DeviceInputs.ENDPOINT, DeviceInputs.KEY, "output");
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        String output =
                inputs.optionalString("output").filter(name -> !name.isBlank()).orElse("links");
        return operations
                .discover(inputs.text(DeviceInputs.ENDPOINT), inputs.text(DeviceInputs.KEY))
                .thenApply(links -> {
                    List<Map<String, Object>> list = links.stream()
                            .map(link -> {
                                Map<String, Object> entry = new LinkedHashMap<>();
                                entry.put("path", link.path());
                                entry.put("attributes", link.attributes());
                                return entry;
                            })
                            .toList();
                    return Map.of(output, list);
                });
    }
}
