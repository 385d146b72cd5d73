package io.dmflow.api.task;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** What an operator asked for: one flow, for one device or every member of a group. */
@Entity
@Table(name = "task")
public class Task extends PanacheEntityBase {

    /** What the task runs. */
    public enum Kind {
        /** A built-in task, named as the reference documentation names it. */
        TYPE,
        /** A saved template. */
        TEMPLATE,
        /** A user's own BPMN process. */
        PROCESS,
        /** One interactive device operation ({@code /api/devices/{endpoint}/operations/{name}}). */
        OPERATION
    }

    public enum State {
        ACTIVE,
        CANCELLED
    }

    @Id
    public String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    /** The built-in type's name, the template's name or the process id. */
    @Column(nullable = false)
    public String definition;

    @Column(nullable = false)
    public String name;

    @Column(name = "target_device")
    public String targetDevice;

    @Column(name = "target_group")
    public String targetGroup;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> properties = new TreeMap<>();

    @Column(nullable = false)
    public int priority;

    @Column(nullable = false)
    public boolean blocking;

    /** null: at once for devices not in queue mode, at the next contact for the others. */
    @Column(name = "execute_immediately")
    public Boolean executeImmediately;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    /** Who submitted it: a user's name, or dmflow for what the application submits itself. */
    @Column(name = "created_by")
    public String createdBy;

    /** Active tasks that run this template or process: group tasks, and device tasks not yet ended. */
    public static long activeUsing(Kind kind, String definition) {
        return count("""
                from Task t where t.kind = ?1 and t.definition = ?2 and t.state = ?3 and (t.targetGroup is not null
                    or exists (select 1 from Execution e where e.taskId = t.id and e.status in ?4))""", kind, definition, State.ACTIVE, io.dmflow.api.execution.Execution.OPEN);
    }
}
