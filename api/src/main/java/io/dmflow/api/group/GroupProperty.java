package io.dmflow.api.group;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A property of a group, inherited by its members and its sub-groups. */
@Entity
@Table(name = "group_property")
@IdClass(GroupProperty.Key.class)
public class GroupProperty extends PanacheEntityBase {

    @Id
    @Column(name = "group_path")
    public String groupPath;

    @Id
    public String name;

    @Column(nullable = false)
    public String value;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The composite key, as JPA wants it. */
    /** Sets one property of a group, creating it or replacing its value. */
    public static void put(String groupPath, String name, String value, Instant at) {
        getEntityManager()
                .createNativeQuery("""
                INSERT INTO dmflow.group_property (group_path, name, value, updated_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (group_path, name) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
                """)
                .setParameter(1, groupPath)
                .setParameter(2, name)
                .setParameter(3, value)
                .setParameter(4, at)
                .executeUpdate();
    }

    public static class Key implements Serializable {

        public String groupPath;
        public String name;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && java.util.Objects.equals(groupPath, key.groupPath)
                    && java.util.Objects.equals(name, key.name);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(groupPath, name);
        }
    }
}
