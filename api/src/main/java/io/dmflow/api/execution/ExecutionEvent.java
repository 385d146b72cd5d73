package io.dmflow.api.execution;

import io.dmflow.contract.ExecutionStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One change of an execution's status, timestamped. */
@Entity
@Table(name = "execution_event")
public class ExecutionEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "execution_id", nullable = false)
    public String executionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ExecutionStatus status;

    @Column(nullable = false)
    public Instant at;

    public String note;
}
