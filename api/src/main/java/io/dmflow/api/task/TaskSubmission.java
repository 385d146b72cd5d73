package io.dmflow.api.task;

import io.dmflow.api.access.Caller;
import io.dmflow.api.execution.Execution;
import io.dmflow.api.execution.SchedulingRequest;
import io.dmflow.api.execution.Trigger;
import io.dmflow.api.group.GroupMemberAdded;
import io.dmflow.api.group.GroupPath;
import io.dmflow.api.group.Groups;
import io.dmflow.api.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Turns a task into executions, one per target device, in one transaction: a task is never half created.
 * Group tasks reach members of sub-groups too, and devices that join later.
 */
@ApplicationScoped
public class TaskSubmission {

    @Inject
    Groups groups;

    @Inject
    Event<SchedulingRequest> scheduling;

    @Inject
    EntityManager entities;

    @Inject
    Caller caller;

    @Transactional
    public Task submit(TaskRequest request) {
        check(request);
        Task task = new Task();
        task.id = UUID.randomUUID().toString();
        task.kind = request.kind();
        task.definition = request.definition();
        task.name = request.name();
        task.targetDevice = request.device();
        task.targetGroup = request.group();
        task.properties.putAll(request.properties());
        task.priority = request.priority();
        task.blocking = request.blocking();
        task.executeImmediately = request.executeImmediately();
        task.state = Task.State.ACTIVE;
        task.createdAt = Instant.now();
        task.createdBy = caller.name();
        task.persist();
        entities.flush();
        List<String> endpoints =
                request.device() != null ? List.of(request.device()) : members(new GroupPath(request.group()));
        endpoints.forEach(endpoint -> createExecution(task, endpoint));
        return task;
    }

    /** A device that joins a group gets the active tasks of the group and of its ancestors. */
    void memberAdded(@Observes GroupMemberAdded added) {
        List<Task> tasks = Task.list(
                "state = ?1 and targetGroup in ?2", Task.State.ACTIVE, new GroupPath(added.groupPath()).lineage());
        for (Task task : tasks) {
            if (Execution.count("taskId = ?1 and endpoint = ?2", task.id, added.endpoint()) == 0) {
                createExecution(task, added.endpoint());
            }
        }
    }

    /** Queues a run of the task on the device, the first or one more (a re-run); answers the execution's id. */
    String createExecution(Task task, String endpoint) {
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        entities.createNativeQuery("""
                INSERT INTO dmflow.execution (id, task_id, endpoint, status, priority, blocking, execute_immediately,
                    created_at, updated_at, run_number)
                SELECT ?1, ?2, ?3, 'QUEUED', ?4, ?5,
                    COALESCE(?6, NOT COALESCE((SELECT queue_mode FROM dmflow.device WHERE endpoint = ?3), FALSE)), ?7, ?7,
                    (SELECT COALESCE(MAX(run_number), 0) + 1 FROM dmflow.execution WHERE task_id = ?2 AND endpoint = ?3)
                """)
                .setParameter(1, id)
                .setParameter(2, task.id)
                .setParameter(3, endpoint)
                .setParameter(4, task.priority)
                .setParameter(5, task.blocking)
                .setParameter(6, task.executeImmediately)
                .setParameter(7, now)
                .executeUpdate();
        entities.createNativeQuery("""
                INSERT INTO dmflow.execution_event (execution_id, status, at, note) VALUES (?1, 'QUEUED', ?2, 'submitted')
                """).setParameter(1, id).setParameter(2, now).executeUpdate();
        scheduling.fire(new SchedulingRequest(endpoint, Trigger.SUBMITTED));
        return id;
    }

    List<String> members(GroupPath group) {
        @SuppressWarnings("unchecked")
        List<String> endpoints = entities.createNativeQuery("""
                SELECT DISTINCT endpoint FROM dmflow.group_member
                WHERE group_path = ?1 OR group_path LIKE ?2 ESCAPE '\\' ORDER BY endpoint""")
                .setParameter(1, group.value())
                .setParameter(2, group.descendantsPattern())
                .getResultList();
        return endpoints;
    }

    private void check(TaskRequest request) {
        switch (request.kind()) {
            case TYPE -> {
                if (BuiltInTask.byTypeName(request.definition()).isEmpty()) {
                    throw ProblemException.badRequest(
                            "Unknown task type",
                            "There is no built-in task "
                                    + request.definition() + "; the types are "
                                    + java.util.Arrays.stream(BuiltInTask.values())
                                            .map(BuiltInTask::typeName)
                                            .toList(),
                            "type");
                }
            }
            case TEMPLATE -> {
                if (io.dmflow.api.template.TaskTemplate.findById(request.definition()) == null) {
                    throw ProblemException.badRequest(
                            "Unknown template", "There is no template " + request.definition(), "template");
                }
            }
            case PROCESS -> {
                if (io.dmflow.api.userprocess.UserProcess.findById(request.definition()) == null) {
                    throw ProblemException.badRequest(
                            "Unknown process",
                            "There is no user process " + request.definition()
                                    + " (deploy it with PUT /api/processes/{id})",
                            "process");
                }
            }
        }
        if (request.device() != null && io.dmflow.api.device.Device.findByEndpoint(request.device()) == null) {
            throw ProblemException.badRequest(
                    "Unknown device", "No device " + request.device() + " has registered with dmflow", "target.device");
        }
        if (request.group() != null) {
            GroupPath path = GroupPath.parse(request.group(), "target.group");
            if (io.dmflow.api.group.DeviceGroup.findById(path.value()) == null) {
                throw ProblemException.badRequest("Unknown group", "There is no group " + path, "target.group");
            }
        }
    }
}
