package io.dmflow.api.group;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A device's membership of one group (the device need not have registered yet). */
@Entity
@Table(name = "group_member")
@IdClass(GroupMember.Key.class)
public class GroupMember extends PanacheEntityBase {

    @Id
    @Column(name = "group_path")
    public String groupPath;

    @Id
    public String endpoint;

    @Column(name = "added_at", nullable = false)
    public Instant addedAt;

    /** The composite key, as JPA wants it. */
    public static class Key implements Serializable {

        public String groupPath;
        public String endpoint;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && java.util.Objects.equals(groupPath, key.groupPath)
                    && java.util.Objects.equals(endpoint, key.endpoint);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(groupPath, endpoint);
        }
    }
}
