package io.dmflow.workers.record;

import io.dmflow.contract.JobType;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import io.dmflow.workers.store.Resources;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code dm.resource.newest}: finds the most recently written resource whose id starts with {@code idPrefix}
 * and that has every one of {@code properties} ({@code [{name, value}]}); sets the variable named by
 * {@code output} (default {@code resourceId}) to its id, or to null when there is none, so the flow decides.
 */
public final class ResourceNewestJob implements DmflowJob {

    private final Resources resources;

    public ResourceNewestJob(Resources resources) {
        this.resources = resources;
    }

    @Override
    public String type() {
        return JobType.DM_RESOURCE_NEWEST;
    }

    @Override
    public List<String> inputs() {
        return List.of("idPrefix", "properties", "output");
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        String prefix = inputs.string("idPrefix");
        String output =
                inputs.optionalString("output").filter(name -> !name.isBlank()).orElse("resourceId");
        Map<String, Object> outputs = new HashMap<>();
        outputs.put(
                output,
                resources
                        .newest(prefix, ResourceProperties.of(inputs, "properties"))
                        .orElse(null));
        return CompletableFuture.completedFuture(outputs);
    }
}
