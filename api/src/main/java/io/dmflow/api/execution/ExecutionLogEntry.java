package io.dmflow.api.execution;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A line of an execution's log, written by its flow ({@code dm.log}) or by dmflow. */
@Entity
@Table(name = "execution_log")
public class ExecutionLogEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "execution_id", nullable = false)
    public String executionId;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    public String level;

    @Column(nullable = false)
    public String message;

    @Column(name = "job_key")
    public Long jobKey;
}
