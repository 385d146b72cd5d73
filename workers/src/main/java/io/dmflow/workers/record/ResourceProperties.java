package io.dmflow.workers.record;

import io.dmflow.workers.job.InvalidJobInput;
import io.dmflow.workers.job.JobInputs;
import io.dmflow.workers.store.Resources.Property;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A job input that lists resource properties as {@code [{name, value}]}, in document order. */
final class ResourceProperties {

    private ResourceProperties() {}

    static List<Property> of(JobInputs inputs, String variable) {
        List<Property> properties = new ArrayList<>();
        List<Map<String, Object>> records = inputs.records(variable);
        for (int i = 0; i < records.size(); i++) {
            Object name = records.get(i).get("name");
            if (name == null || name.toString().isBlank()) {
                throw new InvalidJobInput(inputs.jobType(), variable + "[" + i + "].name", "is missing");
            }
            Object value = records.get(i).get("value");
            properties.add(new Property(name.toString(), value == null ? "" : value.toString()));
        }
        return properties;
    }
}
