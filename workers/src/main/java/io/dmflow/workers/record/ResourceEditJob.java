package io.dmflow.workers.record;

import io.dmflow.contract.JobType;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.InvalidJobInput;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import io.dmflow.workers.store.Resources;
import io.dmflow.workers.store.Resources.Property;
import io.dmflow.workers.store.Resources.Replacement;
import io.dmflow.workers.store.Resources.ResourceEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code dm.resource.edit}: makes {@code destination} from {@code source} (or, with no source, from the
 * text {@code content}) with {@code operations} (a list
 * of {@code {regex, replacement, replaceAll}}, applied in order) and sets {@code properties} (a list of
 * {@code {name, value}}). The store applies it once per job.
 */
public final class ResourceEditJob implements DmflowJob {

    private final Resources resources;

    public ResourceEditJob(Resources resources) {
        this.resources = resources;
    }

    @Override
    public String type() {
        return JobType.DM_RESOURCE_EDIT;
    }

    @Override
    public List<String> inputs() {
        return List.of("destination", "source", "content", "operations", "properties");
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        List<Replacement> replacements = new ArrayList<>();
        List<Map<String, Object>> operations = inputs.records("operations");
        for (int i = 0; i < operations.size(); i++) {
            Map<String, Object> operation = operations.get(i);
            Object regex = operation.get("regex");
            if (regex == null) {
                throw new InvalidJobInput(type(), "operations[" + i + "].regex", "is missing");
            }
            try {
                Pattern.compile(regex.toString());
            } catch (PatternSyntaxException e) {
                throw new InvalidJobInput(
                        type(),
                        "operations[" + i + "].regex",
                        "is not a valid regular expression: " + e.getDescription());
            }
            Object replacement = operation.get("replacement");
            replacements.add(new Replacement(
                    regex.toString(),
                    replacement == null ? "" : replacement.toString(),
                    !"false".equalsIgnoreCase(String.valueOf(operation.getOrDefault("replaceAll", "true")))));
        }
        List<Property> properties = ResourceProperties.of(inputs, "properties");
        Optional<String> source = inputs.optionalString("source").filter(name -> !name.isBlank());
        // A flow that made the text itself (a value read from a device) stores it without a source file.
        String content = source.isPresent()
                ? null
                : inputs.optionalString("content")
                        .orElseThrow(() ->
                                new InvalidJobInput(type(), "source", "is missing, and there is no content instead"));
        ResourceEdit edit =
                new ResourceEdit(inputs.text("destination"), source.orElse(null), content, replacements, properties);
        try {
            resources.edit(job.key(), edit);
        } catch (Resources.MissingResource e) {
            throw new InvalidJobInput(type(), "source", e.getMessage());
        }
        return CompletableFuture.completedFuture(Map.of());
    }
}
