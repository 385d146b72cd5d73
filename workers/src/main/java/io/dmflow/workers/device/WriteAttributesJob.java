package io.dmflow.workers.device;

import io.dmflow.contract.JobType;
import io.dmflow.lwm2m.observation.DeviceObservations;
import io.dmflow.lwm2m.operation.DeviceClient;
import io.dmflow.lwm2m.operation.NotificationAttributes;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.InvalidJobInput;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code lwm2m.write-attributes}: {@code attributes} is a list of {@code {name, value}}, names as LwM2M
 * gives them ({@code pmin}, {@code pmax}, {@code gt}, {@code lt}, {@code st}, {@code epmin}, {@code epmax})
 * or as the ObserveTask attributes ({@code minimumPeriod}, {@code maximumPeriod}, {@code greaterThan},
 * {@code lessThan}, {@code step}); an empty value clears the attribute on the device. With
 * {@code refuseWhenObserved} (ObserveTask's rule: an observed key's observation is cancelled before its
 * attributes change) nothing is sent to a key dmflow observes: the job throws {@code KEY_OBSERVED}.
 */
public final class WriteAttributesJob implements DmflowJob {

    private static final Map<String, String> TASK_NAMES = Map.of(
            "minimumPeriod", "pmin", "maximumPeriod", "pmax", "greaterThan", "gt", "lessThan", "lt", "step", "st");

    private final DeviceClient operations;
    private final DeviceObservations observations;

    public WriteAttributesJob(DeviceClient operations, DeviceObservations observations) {
        this.operations = operations;
        this.observations = observations;
    }

    @Override
    public String type() {
        return JobType.LWM2M_WRITE_ATTRIBUTES;
    }

    @Override
    public List<String> inputs() {
        return List.of(DeviceInputs.ENDPOINT, DeviceInputs.KEY, "attributes", "refuseWhenObserved");
    }

    @Override
    public boolean hasEffect() {
        return true;
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        NotificationAttributes attributes = attributes(inputs);
        String endpoint = inputs.text(DeviceInputs.ENDPOINT);
        String key = inputs.text(DeviceInputs.KEY);
        if (inputs.optionalBoolean("refuseWhenObserved").orElse(false) && observations.isObserved(endpoint, key)) {
            return CompletableFuture.failedFuture(ObservedKey.refusal(
                    key, "Write-Attributes refused: " + key + " is observed, its observation must be cancelled first"));
        }
        return operations.writeAttributes(endpoint, key, attributes).thenApply(done -> Map.of());
    }

    static NotificationAttributes attributes(JobInputs inputs) {
        Map<String, String> values = new HashMap<>();
        Set<String> cleared = new HashSet<>();
        List<Map<String, Object>> records = inputs.records("attributes");
        for (int i = 0; i < records.size(); i++) {
            Object rawName = records.get(i).get("name");
            String name = rawName == null ? null : TASK_NAMES.getOrDefault(rawName.toString(), rawName.toString());
            if (name == null || !NotificationAttributes.NAMES.contains(name)) {
                throw new InvalidJobInput(
                        inputs.jobType(),
                        "attributes[" + i + "].name",
                        "must be one of " + NotificationAttributes.NAMES + " or " + TASK_NAMES.keySet() + ", not "
                                + rawName);
            }
            Object raw = records.get(i).get("value");
            String value = raw == null ? "" : raw.toString();
            String variable = "attributes[" + i + "].value";
            NotificationAttributes.problem(name, value).ifPresent(problem -> {
                throw new InvalidJobInput(inputs.jobType(), variable, problem);
            });
            if (value.isBlank()) {
                cleared.add(name);
            } else {
                values.put(name, value.trim());
            }
        }
        try {
            return new NotificationAttributes(
                    period(values, "pmin"),
                    period(values, "pmax"),
                    number(values, "gt"),
                    number(values, "lt"),
                    number(values, "st"),
                    period(values, "epmin"),
                    period(values, "epmax"),
                    cleared);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobInput(inputs.jobType(), "attributes", e.getMessage());
        }
    }

    /** A value {@link NotificationAttributes#problem} has accepted. */
    private static Long period(Map<String, String> values, String name) {
        String text = values.get(name);
        return text == null ? null : Long.valueOf(text);
    }

    private static BigDecimal number(Map<String, String> values, String name) {
        String text = values.get(name);
        return text == null ? null : new BigDecimal(text);
    }
}
