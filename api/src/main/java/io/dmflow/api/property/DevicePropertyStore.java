package io.dmflow.api.property;

import io.dmflow.workers.store.DeviceProperties;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Device properties in PostgreSQL, for the REST API and for flows ({@code dm.device-property.set}). */
@ApplicationScoped
public class DevicePropertyStore implements DeviceProperties {

    @Override
    @Transactional
    public void set(String endpoint, String name, String value) {
        DeviceProperty.getEntityManager()
                .createNativeQuery("""
                INSERT INTO dmflow.device_property (endpoint, name, value, updated_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (endpoint, name) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
                """)
                .setParameter(1, endpoint)
                .setParameter(2, name)
                .setParameter(3, value)
                .setParameter(4, Instant.now())
                .executeUpdate();
    }

    @Transactional
    public boolean delete(String endpoint, String name) {
        return DeviceProperty.delete("endpoint = ?1 and name = ?2", endpoint, name) > 0;
    }
}
