package io.dmflow.api.userprocess;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A BPMN process a user modelled (e.g. in Camunda Modeler) and deployed through dmflow, so tasks can run it. */
@Entity
@Table(name = "user_process")
public class UserProcess extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String bpmn;

    @Column(name = "definition_key", nullable = false)
    public long definitionKey;

    @Column(nullable = false)
    public int version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
