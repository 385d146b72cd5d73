package io.dmflow.api.resource;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A free-form property of a stored file (e.g. {@code softwareVersion} of a backup). */
@Entity
@Table(name = "resource_property")
@IdClass(ResourceProperty.Key.class)
public class ResourceProperty extends PanacheEntityBase {

    @Id
    @Column(name = "resource_id")
    public String resourceId;

    @Id
    public String name;

    @Column(nullable = false)
    public String value;

    /** The composite key, as JPA wants it. */
    /** Sets one property of a stored resource, creating it or replacing its value. */
    public static void put(String resourceId, String name, String value) {
        getEntityManager()
                .createNativeQuery("""
                INSERT INTO dmflow.resource_property (resource_id, name, value) VALUES (?1, ?2, ?3)
                ON CONFLICT (resource_id, name) DO UPDATE SET value = EXCLUDED.value""")
                .setParameter(1, resourceId)
                .setParameter(2, name)
                .setParameter(3, value)
                .executeUpdate();
    }

    public static class Key implements Serializable {

        public String resourceId;
        public String name;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(resourceId, key.resourceId)
                    && Objects.equals(name, key.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(resourceId, name);
        }
    }
}
