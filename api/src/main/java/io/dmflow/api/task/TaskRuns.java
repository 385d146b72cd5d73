package io.dmflow.api.task;

import io.dmflow.api.execution.Execution;
import io.dmflow.api.group.GroupPath;
import io.dmflow.api.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Runs an active task again on its devices, as a periodic task does: each run is a new execution under the same
 * task id, so what a flow keeps per task (a backup ring's counters in device properties) carries over between runs.
 */
@Path("/api/tasks/{id}/runs")
@Produces(MediaType.APPLICATION_JSON)
public class TaskRuns {

    @Inject
    TaskSubmission submission;

    /** The executions a run queued, one per target device. */
    public record Run(String taskId, List<String> executions) {}

    @POST
    @Transactional
    @Operation(
            summary = "Run a task again",
            description =
                    "Queues one more execution of an active task on each of its target devices; a device whose previous execution of the task is still open is refused (409)")
    public Response run(@PathParam("id") String id) {
        Task task = TaskResource.require(id);
        if (task.state != Task.State.ACTIVE) {
            throw ProblemException.conflict(
                    "Task not active", "Task " + id + " is " + task.state + "; only an active task runs again");
        }
        List<String> endpoints = task.targetDevice != null
                ? List.of(task.targetDevice)
                : submission.members(new GroupPath(task.targetGroup));
        List<String> open = endpoints.stream()
                .filter(endpoint ->
                        Execution.count("taskId = ?1 and endpoint = ?2 and status in ?3", id, endpoint, Execution.OPEN)
                                > 0)
                .toList();
        if (!open.isEmpty()) {
            throw ProblemException.conflict(
                    "Previous run still open",
                    "Task " + id + " has not ended yet on " + open + "; a device runs a task once at a time");
        }
        List<String> executions = new ArrayList<>();
        for (String endpoint : endpoints) {
            executions.add(submission.createExecution(task, endpoint));
        }
        return Response.created(URI.create("/api/executions?task=" + id))
                .entity(new Run(id, executions))
                .build();
    }
}
