package io.dmflow.api.resource;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored file (firmware, package, backup): what is known of it; its bytes are in {@link ResourceChunks}. */
@Entity
@Table(name = "stored_resource")
public class StoredResource extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "content_type")
    public String contentType;

    public String category;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
