package io.dmflow.api.group;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A group of devices; its path names its ancestors ({@code root.fleet.eu} lies under {@code root.fleet}). */
@Entity
@Table(name = "device_group")
public class DeviceGroup extends PanacheEntityBase {

    @Id
    public String path;

    @Column(name = "parent_path")
    public String parentPath;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
