package io.dmflow.workers.device;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.dmflow.contract.JobType;
import io.dmflow.lwm2m.operation.DeviceClient;
import io.dmflow.lwm2m.operation.NotificationAttributes;
import io.dmflow.workers.job.DmflowJob;
import io.dmflow.workers.job.InvalidJobInput;
import io.dmflow.workers.job.JobIdentity;
import io.dmflow.workers.job.JobInputs;

/**
 * {@code lwm2m.write-attributes}: {@code attributes} is a list of {@code {name, value}}, names as LwM2M
 * gives them ({@code pmin}, {@code pmax}, {@code gt}, {@code lt}, {@code st}, {@code epmin}, {@code epmax})
 * or as the ObserveTask attributes ({@code minimumPeriod}, {@code maximumPeriod}, {@code greaterThan},
 * {@code lessThan}, {@code step}); an empty value clears the attribute on the device.
 */
public final class WriteAttributesJob implements DmflowJob {

    private static final Map<String, String> TASK_NAMES = Map.of("minimumPeriod", "pmin", "maximumPeriod", "pmax",
            "greaterThan", "gt", "lessThan", "lt", "step", "st");

    private final DeviceClient operations;

    public WriteAttributesJob(DeviceClient operations) {
        this.operations = operations;
    }

    @Override
    public String type() {
        return JobType.LWM2M_WRITE_ATTRIBUTES;
    }

    @Override
    public List<String> inputs() {
        return List.of(DeviceInputs.ENDPOINT, DeviceInputs.KEY, "attributes");
    }

    @Override
    public boolean hasEffect() {
        return true;
    }

    @Override
    public CompletionStage<Map<String, Object>> run(JobInputs inputs, JobIdentity job) {
        NotificationAttributes attributes = attributes(inputs);
        return operations.writeAttributes(inputs.text(DeviceInputs.ENDPOINT), inputs.text(DeviceInputs.KEY),
                attributes).thenApply(done -> Map.of());
    }

    static NotificationAttributes attributes(JobInputs inputs) {
        Map<String, String> values = new HashMap<>();
        Set<String> cleared = new HashSet<>();
        List<Map<String, Object>> records = inputs.records("attributes");
        for (int i = 0; i < records.size(); i++) {
            Object rawName = records.get(i).get("name");
            String name = rawName == null ? null : TASK_NAMES.getOrDefault(rawName.toString(), rawName.toString());
            if (name == null || !NotificationAttributes.NAMES.contains(name)) {
                throw new InvalidJobInput(inputs.jobType(), "attributes[" + i + "].name", "must be one of "
                        + NotificationAttributes.NAMES + " or " + TASK_NAMES.keySet() + ", not " + rawName);
            }
            Object value = records.get(i).get("value");
            if (value == null || value.toString().isBlank()) {
                cleared.add(name);
            } else {
                values.put(name, value.toString().trim());
            }
        }
        try {
            return new NotificationAttributes(period(inputs, values, "pmin"), period(inputs, values, "pmax"),
                    number(inputs, values, "gt"), number(inputs, values, "lt"), number(inputs, values, "st"),
                    period(inputs, values, "epmin"), period(inputs, values, "epmax"), cleared);
        } catch (IllegalArgumentException e) {
            throw new InvalidJobInput(inputs.jobType(), "attributes", e.getMessage());
        }
    }

    private static Long period(JobInputs inputs, Map<String, String> values, String name) {
        String text = values.get(name);
        if (text == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(text);
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new InvalidJobInput(inputs.jobType(), "attributes." + name,
                    "must be a whole number of seconds, not " + text);
        }
    }

    private static BigDecimal number(JobInputs inputs, Map<String, String> values, String name) {
        String text = values.get(name);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new InvalidJobInput(inputs.jobType(), "attributes." + name, "must be a number, not " + text);
        }
    }
}
