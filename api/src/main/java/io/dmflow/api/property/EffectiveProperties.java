package io.dmflow.api.property;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.FlushModeType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A device's properties as flows see them: its groups' properties (ancestors first, so the deeper group
 * wins) overlaid by the device's own. Sorted by name, so templates iterate them in a stable order.
 */
@ApplicationScoped
public class EffectiveProperties {

    /** Name to value, sorted by name. */
    public Map<String, String> of(String endpoint) {
        Map<String, String> values = new TreeMap<>();
        origins(endpoint).forEach((name, property) -> values.put(name, property.value()));
        return values;
    }

    /** Name to value and where it comes from ({@code device} or {@code group:<path>}), sorted by name. */
    public Map<String, Origin> origins(String endpoint) {
        Map<String, Origin> values = new TreeMap<>();
        // One query, as every execution's start asks it: the groups' properties shallow group first (byte order
        // within a depth, as Java compares paths), then the device's own, each overriding what came before.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = DeviceProperty.getEntityManager()
                .createNativeQuery("""
                SELECT name, value, source FROM (
                    SELECT name, value, 'group:' || group_path AS source, 0 AS own,
                           length(group_path) - length(replace(group_path, '.', '')) AS depth, group_path AS path
                    FROM dmflow.group_property p
                    WHERE EXISTS (SELECT 1 FROM dmflow.group_member m WHERE m.endpoint = ?1
                                  AND (m.group_path = p.group_path OR starts_with(m.group_path, p.group_path || '.')))
                    UNION ALL
                    SELECT name, value, 'device', 1, 0, '' FROM dmflow.device_property WHERE endpoint = ?1) AS property
                ORDER BY own, depth, path COLLATE "C"
                """)
                // Flushing the session first would cost every execution's start and show nothing new: no change
                // made in the same transaction touches these tables.
                .setFlushMode(FlushModeType.COMMIT)
                .setParameter(1, endpoint)
                .getResultList();
        rows.forEach(row -> values.put((String) row[0], new Origin((String) row[1], (String) row[2])));
        return values;
    }

    public record Origin(String value, String source) {}
}
