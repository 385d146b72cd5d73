package io.dmflow.api.property;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** A property an operator or a flow gave one device. */
@Entity
@Table(name = "device_property")
@IdClass(DeviceProperty.Key.class)
public class DeviceProperty extends PanacheEntityBase {

    @Id
    public String endpoint;

    @Id
    public String name;

    @Column(nullable = false)
    public String value;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static List<DeviceProperty> ofDevice(String endpoint) {
        return list("endpoint = ?1 order by name", endpoint);
    }

    /** The composite key, as JPA wants it. */
    public static class Key implements Serializable {

        public String endpoint;
        public String name;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && java.util.Objects.equals(endpoint, key.endpoint)
                    && java.util.Objects.equals(name, key.name);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(endpoint, name);
        }
    }
}
