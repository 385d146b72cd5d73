package io.dmflow.workers.record;

import io.dmflow.contract.JobType;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.InvalidJobInput;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import io.dmflow.workers.store.Resources;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code dm.resource.read}: sets the variable named by {@code varName} to the text of resource {@code resourceId}. */
public final class ResourceReadJob implements DmflowJob {

    private final Resources resources;

    public ResourceReadJob(Resources resources) {
        this.resources = resources;
    }

    @Override
    public String type() {
        return JobType.DM_RESOURCE_READ;
    }

    @Override
    public List<String> inputs() {
        return List.of("resourceId", "varName");
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        String resourceId = inputs.text("resourceId");
        String varName = inputs.text("varName");
        String text = resources
                .text(resourceId)
                .orElseThrow(
                        () -> new InvalidJobInput(type(), "resourceId", "names no stored resource: " + resourceId));
        return CompletableFuture.completedFuture(Map.of(varName, text));
    }
}
