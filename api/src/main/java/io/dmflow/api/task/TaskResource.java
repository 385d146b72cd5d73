package io.dmflow.api.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dmflow.api.engine.BuiltInFlows;
import io.dmflow.api.execution.Execution;
import io.dmflow.api.paging.Page;
import io.dmflow.api.paging.PageRequest;
import io.dmflow.api.problem.ProblemException;
import io.dmflow.contract.ExecutionStatus;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Tasks: submitted to a device or a group, each making one execution per device. */
@Path("/api/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    @Inject
    TaskSubmission submission;

    @Inject
    TaskCancellation cancellation;

    @Inject
    ObjectMapper json;

    @Inject
    io.dmflow.api.engine.EngineClient engine;

    @Inject
    BuiltInFlows builtInFlows;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Submit a task",
            description =
                    "One of type (a built-in task), template or process; a target device or group; string properties; priority (0 first, default 10); blocking; executeImmediately")
    public Response submit(String body) {
        TaskRequest request = TaskRequest.parse(json, body);
        requireProperties(request);
        // Templates and user processes may call built-in flows too, and backups fall back to theirs.
        builtInFlows.requireDeployed();
        requireDeployedFlow(request);
        Task task = submission.submit(request);
        return Response.created(URI.create("/api/tasks/" + task.id))
                .entity(TaskView.of(Task.findById(task.id)))
                .build();
    }

    @GET
    @Operation(
            summary = "List tasks",
            description = "Newest first; filter by state (ACTIVE, CANCELLED), device or group target")
    public Page<TaskView> list(
            @QueryParam("state") String state,
            @QueryParam("device") String device,
            @QueryParam("group") String group,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        PageRequest request = PageRequest.parse(page, size);
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (state != null && !state.isBlank()) {
            try {
                parameters.put("state", Task.State.valueOf(state.trim().toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(
                        "Invalid query parameter", "state must be ACTIVE or CANCELLED, was " + state, "state");
            }
            conditions.add("state = :state");
        }
        if (device != null && !device.isBlank()) {
            conditions.add("targetDevice = :device");
            parameters.put("device", device);
        }
        if (group != null && !group.isBlank()) {
            conditions.add("targetGroup = :group");
            parameters.put("group", group);
        }
        PanacheQuery<Task> query = Task.find(
                String.join(" and ", conditions),
                Sort.by("createdAt", Sort.Direction.Descending).and("id"),
                parameters);
        return Page.of(
                query.page(request.page(), request.size()).list().stream()
                        .map(TaskView::of)
                        .toList(),
                request,
                query.count());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One task")
    public TaskView get(@PathParam("id") String id) {
        return TaskView.of(require(id));
    }

    @DELETE
    @Path("{id}")
    @Operation(
            summary = "Cancel a task",
            description = "Its open executions end CANCELLED; running ones are cancelled in the engine")
    public TaskSummary cancel(@PathParam("id") String id) {
        Task task = require(id);
        if (task.state == Task.State.ACTIVE) {
            cancellation.cancel(task);
        }
        return summary(id);
    }

    @GET
    @Path("{id}/summary")
    @Operation(
            summary = "How a task's executions stand",
            description = "Counts by status and the success, failure and completion rates")
    public TaskSummary summary(@PathParam("id") String id) {
        require(id);
        Map<ExecutionStatus, Long> counts = Execution.countsOfTask(id);
        return TaskSummary.of(
                id,
                counts.getOrDefault(ExecutionStatus.QUEUED, 0L),
                counts.getOrDefault(ExecutionStatus.IN_PROGRESS, 0L),
                counts.getOrDefault(ExecutionStatus.WAITING_FOR_DEVICE, 0L),
                counts.getOrDefault(ExecutionStatus.SUCCESS, 0L),
                counts.getOrDefault(ExecutionStatus.WARNING, 0L),
                counts.getOrDefault(ExecutionStatus.ERROR, 0L),
                counts.getOrDefault(ExecutionStatus.CANCELLED, 0L));
    }

    /** A built-in task comes with the properties its flow cannot do without, e.g. the image of a firmware update. */
    private static void requireProperties(TaskRequest request) {
        if (request.kind() != Task.Kind.TYPE) {
            return;
        }
        BuiltInTask.byTypeName(request.definition())
                .ifPresent(type -> type.requiredProperties().stream()
                        .filter(name ->
                                request.properties().getOrDefault(name, "").isBlank())
                        .findFirst()
                        .ifPresent(name -> {
                            throw ProblemException.badRequest(
                                    "Missing task property",
                                    "Task type " + type.typeName() + " needs the property " + name,
                                    "properties." + name);
                        }));
    }

    /**
     * A built-in task needs its flow in the engine. BackupTask and RestoreTask may instead run a device's
     * own template, chosen per device when its execution starts.
     */
    private void requireDeployedFlow(TaskRequest request) {
        if (request.kind() != Task.Kind.TYPE) {
            return;
        }
        BuiltInTask type = BuiltInTask.byTypeName(request.definition()).orElse(null);
        if (type == null || type.customTemplateProperty().isPresent()) {
            return;
        }
        boolean deployed = !engine.client()
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.processDefinitionId(type.processId()))
                .send()
                .join()
                .items()
                .isEmpty();
        if (!deployed) {
            throw ProblemException.badRequest(
                    "Built-in flow not available",
                    "Task type " + type.typeName() + " runs the built-in flow " + type.processId()
                            + ", which is not deployed in this dmflow",
                    "type");
        }
    }

    static Task require(String id) {
        Task task = id == null ? null : Task.findById(id);
        if (task == null) {
            throw ProblemException.notFound("Unknown task", "There is no task " + id);
        }
        return task;
    }
}
