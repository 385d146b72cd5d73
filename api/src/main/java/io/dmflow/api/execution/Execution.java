package io.dmflow.api.execution;

import io.dmflow.contract.ExecutionStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.Generated;

/** One task on one device: one process instance, and its status as the scheduler and its flow keep it. */
@Entity
@Table(name = "execution")
// Several writers touch one execution at once (its start, its flow's reports): an update writes only
// the columns it changed, so one never puts back another's status.
@DynamicUpdate
public class Execution extends PanacheEntityBase {

    /** Statuses of executions that have not ended. */
    public static final List<ExecutionStatus> OPEN =
            List.of(ExecutionStatus.QUEUED, ExecutionStatus.IN_PROGRESS, ExecutionStatus.WAITING_FOR_DEVICE);

    @Id
    public String id;

    @Column(name = "task_id", nullable = false)
    public String taskId;

    @Column(nullable = false)
    public String endpoint;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ExecutionStatus status;

    @Column(nullable = false)
    public int priority;

    @Column(nullable = false)
    public boolean blocking;

    @Column(name = "execute_immediately", nullable = false)
    public boolean executeImmediately;

    /** Submission order, the tie-breaker between equal priorities. */
    @Generated
    @Column(name = "queue_seq", insertable = false, updatable = false)
    public Long queueSeq;

    @Column(name = "process_id")
    public String processId;

    @Column(name = "process_instance_key")
    public Long processInstanceKey;

    public String result;

    public String details;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** How many executions of a task are in each status (statuses none is in are left out). */
    public static Map<ExecutionStatus, Long> countsOfTask(String taskId) {
        Map<ExecutionStatus, Long> counts = new EnumMap<>(ExecutionStatus.class);
        getEntityManager()
                .createQuery(
                        "select e.status, count(e) from Execution e where e.taskId = ?1 group by e.status",
                        Object[].class)
                .setParameter(1, taskId)
                .getResultList()
                .forEach(row -> counts.put((ExecutionStatus) row[0], (Long) row[1]));
        return counts;
    }
}
