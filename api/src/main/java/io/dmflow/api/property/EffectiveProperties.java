package io.dmflow.api.property;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.dmflow.api.group.GroupProperty;
import io.dmflow.api.group.Groups;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A device's properties as flows see them: its groups' properties (ancestors first, so the deeper group
 * wins) overlaid by the device's own. Sorted by name, so templates iterate them in a stable order.
 */
@ApplicationScoped
public class EffectiveProperties {

    @Inject
    Groups groups;

    /** Name to value, sorted by name. */
    public Map<String, String> of(String endpoint) {
        Map<String, String> values = new TreeMap<>();
        origins(endpoint).forEach((name, property) -> values.put(name, property.value()));
        return values;
    }

    /** Name to value and where it comes from ({@code device} or {@code group:<path>}), sorted by name. */
    public Map<String, Origin> origins(String endpoint) {
        Map<String, Origin> values = new TreeMap<>();
        List<String> lineage = groups.lineageOf(endpoint);
        if (!lineage.isEmpty()) {
            Map<String, List<GroupProperty>> byGroup = new LinkedHashMap<>();
            GroupProperty.<GroupProperty>list("groupPath in ?1", lineage)
                    .forEach(property -> byGroup.computeIfAbsent(property.groupPath, path -> new java.util.ArrayList<>())
                            .add(property));
            for (String path : lineage) {
                byGroup.getOrDefault(path, List.of()).forEach(property -> values.put(property.name,
                        new Origin(property.value, "group:" + path)));
            }
        }
        DeviceProperty.ofDevice(endpoint).forEach(property -> values.put(property.name,
                new Origin(property.value, "device")));
        return values;
    }

    public record Origin(String value, String source) {
    }
}
