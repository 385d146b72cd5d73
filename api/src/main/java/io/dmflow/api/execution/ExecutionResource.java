package io.dmflow.api.execution;

import io.camunda.client.api.search.enums.ElementInstanceState;
import io.dmflow.api.engine.EngineClient;
import io.dmflow.api.paging.Page;
import io.dmflow.api.paging.PageRequest;
import io.dmflow.api.problem.ProblemException;
import io.dmflow.contract.ExecutionStatus;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/** Executions: one task on one device, with its status history, result, details, flow position and log. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ExecutionResource {

    private static final Logger LOG = Logger.getLogger(ExecutionResource.class);

    @Inject
    EngineClient engine;

    @GET
    @Path("executions")
    @Operation(summary = "List executions", description = "Newest first; filter by task, device and status")
    public Page<ExecutionView> list(
            @QueryParam("task") String task,
            @QueryParam("device") String device,
            @QueryParam("status") String status,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        PageRequest request = PageRequest.parse(page, size);
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (task != null && !task.isBlank()) {
            conditions.add("taskId = :task");
            parameters.put("task", task);
        }
        if (device != null && !device.isBlank()) {
            conditions.add("endpoint = :device");
            parameters.put("device", device);
        }
        if (status != null && !status.isBlank()) {
            try {
                parameters.put("status", ExecutionStatus.valueOf(status.trim().toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(
                        "Invalid query parameter",
                        "status must be one of " + List.of(ExecutionStatus.values()) + ", was " + status,
                        "status");
            }
            conditions.add("status = :status");
        }
        PanacheQuery<Execution> query = Execution.find(
                String.join(" and ", conditions),
                Sort.by("createdAt", Sort.Direction.Descending).and("id"),
                parameters);
        return Page.of(
                query.page(request.page(), request.size()).list().stream()
                        .map(execution -> ExecutionView.of(execution, null, null))
                        .toList(),
                request,
                query.count());
    }

    @GET
    @Path("executions/{id}")
    @Operation(
            summary = "One execution",
            description = "With its status history and the BPMN elements its flow is at now")
    public ExecutionView get(@PathParam("id") String id) {
        Execution execution = require(id);
        List<ExecutionView.StatusChange> history =
                ExecutionEvent.<ExecutionEvent>list("executionId", Sort.by("id"), id).stream()
                        .map(event -> new ExecutionView.StatusChange(event.status.name(), event.at, event.note))
                        .toList();
        return ExecutionView.of(execution, activeElements(execution), history);
    }

    @GET
    @Path("executions/{id}/log")
    @Operation(summary = "An execution's log", description = "In the order it was written")
    public List<LogLine> log(@PathParam("id") String id) {
        require(id);
        return ExecutionLogEntry.<ExecutionLogEntry>list("executionId", Sort.by("id"), id).stream()
                .map(entry -> new LogLine(entry.at, entry.level, entry.message))
                .toList();
    }

    public record LogLine(Instant at, String level, String message) {}

    private List<ExecutionView.ActiveElement> activeElements(Execution execution) {
        if (execution.processInstanceKey == null || execution.status.isFinal()) {
            return List.of();
        }
        try {
            return engine
                    .client()
                    .newElementInstanceSearchRequest()
                    .filter(f ->
                            f.processInstanceKey(execution.processInstanceKey).state(ElementInstanceState.ACTIVE))
                    .send()
                    .join()
                    .items()
                    .stream()
                    .filter(element -> !"PROCESS".equals(String.valueOf(element.getType())))
                    .map(element -> new ExecutionView.ActiveElement(
                            element.getElementId(),
                            element.getElementName(),
                            String.valueOf(element.getType()),
                            Boolean.TRUE.equals(element.getIncident())))
                    .toList();
        } catch (RuntimeException e) {
            // The execution is still shown, without where its flow is; the reason must not be lost.
            LOG.warnf(
                    "The engine did not answer the active elements of process instance %d (execution %s): %s",
                    execution.processInstanceKey, execution.id, e.toString());
            return List.of();
        }
    }

    static Execution require(String id) {
        Execution execution = id == null ? null : Execution.findById(id);
        if (execution == null) {
            throw ProblemException.notFound("Unknown execution", "There is no execution " + id);
        }
        return execution;
    }
}
