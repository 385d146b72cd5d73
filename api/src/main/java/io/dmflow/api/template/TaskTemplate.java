package io.dmflow.api.template;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A task template: its XML as the operator wrote it, and the BPMN it compiled to and deployed. */
@Entity
@Table(name = "task_template")
public class TaskTemplate extends PanacheEntityBase {

    @Id
    public String name;

    @Column(nullable = false)
    public String xml;

    @Column(nullable = false)
    public String bpmn;

    @Column(name = "process_id", nullable = false)
    public String processId;

    @Column(name = "definition_key", nullable = false)
    public long definitionKey;

    @Column(nullable = false)
    public int version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Who saved it first, and who saved it last: users' names. */
    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "updated_by")
    public String updatedBy;
}
