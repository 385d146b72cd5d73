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
