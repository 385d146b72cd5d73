package io.dmflow.api.operation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.search.response.Incident;
import io.dmflow.api.device.Device;
import io.dmflow.api.engine.BuiltInFlows;
import io.dmflow.api.engine.EngineClient;
import io.dmflow.api.execution.Execution;
import io.dmflow.api.execution.ExecutionEndings;
import io.dmflow.api.execution.ExecutionRecords;
import io.dmflow.api.execution.ExecutionView;
import io.dmflow.api.problem.ProblemException;
import io.dmflow.api.task.Task;
import io.dmflow.api.task.TaskRequest;
import io.dmflow.api.task.TaskSubmission;
import io.dmflow.contract.ExecutionStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * Interactive operations on one device. Each is a small task with one execution (so it has a log, a history and
 * its place in the device's queue), and the call waits, bounded, for its answer: 200 with the ended execution, or
 * 202 with its location when the device has not answered yet (a sleeping device gets it at its next contact).
 */
@Path("/api/devices/{endpoint}/operations/{operation}")
@Produces(MediaType.APPLICATION_JSON)
public class OperationResource {

    private static final Logger LOG = Logger.getLogger(OperationResource.class);
    static final int DEFAULT_TIMEOUT_SECONDS = 10;
    static final int MAX_TIMEOUT_SECONDS = 300;

    @Inject
    TaskSubmission submission;

    @Inject
    BuiltInFlows builtInFlows;

    @Inject
    ExecutionEndings endings;

    @Inject
    ExecutionRecords records;

    @Inject
    EngineClient engine;

    @Inject
    ObjectMapper json;

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(
            summary = "Run one operation on a device",
            description =
                    "read {key, contentFormat?}, write {key, value, mode?, contentFormat?}, execute {key, arguments?}, discover {key}, observe {key}, cancel-observation {key, cancelType?}, cancel-all-observations {}, write-attributes {key, pmin?, pmax?, gt?, lt?, st?, epmin?, epmax?}, create {key, values?}, delete {key}; each also takes priority (default 0). Waits up to timeout seconds (default 10, at most 300) for the answer: 200 with the ended execution, else 202 with its Location")
    public Response run(
            @PathParam("endpoint") String endpoint,
            @PathParam("operation") String name,
            @QueryParam("timeout") String timeout,
            String body)
            throws InterruptedException {
        DeviceOperation operation = DeviceOperation.byName(name)
                .orElseThrow(() -> ProblemException.notFound(
                        "Unknown operation",
                        "There is no device operation " + name + "; the operations are " + DeviceOperation.names()));
        Duration wait = timeout(timeout);
        builtInFlows.requireDeployed();
        if (QuarkusTransaction.requiringNew().call(() -> Device.findByEndpoint(endpoint)) == null) {
            throw ProblemException.notFound("Unknown device", "No device " + endpoint + " has registered with dmflow");
        }
        OperationRequest request = OperationRequest.parse(json, operation, body);
        Task task = submission.submit(new TaskRequest(
                Task.Kind.OPERATION,
                operation.operationName(),
                describe(operation, request),
                endpoint,
                null,
                request.properties(),
                request.priority(),
                false,
                null));
        String executionId = QuarkusTransaction.requiringNew()
                .call(() -> Execution.<Execution>find("taskId", task.id).firstResult().id);

        Execution execution = endings.await(executionId, wait, this::hasIncident);
        if (!execution.status.isFinal() && hasIncident(execution)) {
            execution = refuse(execution);
        }
        ExecutionView view = ExecutionView.of(execution, null, null);
        if (execution.status.isFinal()) {
            return Response.ok(view).build();
        }
        return Response.accepted(view)
                .location(URI.create("/api/executions/" + executionId))
                .build();
    }

    private static Duration timeout(String text) {
        if (text == null || text.isBlank()) {
            return Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
        }
        try {
            int seconds = Integer.parseInt(text.trim());
            if (seconds >= 0 && seconds <= MAX_TIMEOUT_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest(
                "Invalid query parameter",
                "timeout must be a whole number of seconds from 0 to " + MAX_TIMEOUT_SECONDS + ", was " + text,
                "timeout");
    }

    private static String describe(DeviceOperation operation, OperationRequest request) {
        String key = request.properties().get("key");
        return key == null ? operation.operationName() : operation.operationName() + " " + key;
    }

    /** A job of the operation that no retry mends (a key the device's objects do not have, say). */
    private boolean hasIncident(Execution execution) {
        return firstIncident(execution).isPresent();
    }

    private Optional<Incident> firstIncident(Execution execution) {
        if (execution.processInstanceKey == null || execution.status.isFinal()) {
            return Optional.empty();
        }
        return engine
                .client()
                .newIncidentSearchRequest()
                .filter(filter -> filter.processInstanceKey(execution.processInstanceKey))
                .send()
                .join()
                .items()
                .stream()
                .findFirst();
    }

    /**
     * An interactive caller wants an answer, not an incident to repair: the operation ends ERROR with the incident's
     * message, and its process instance is cancelled.
     */
    private Execution refuse(Execution execution) {
        String message = firstIncident(execution).map(Incident::getErrorMessage).orElse("the operation was refused");
        records.report(execution.id, ExecutionStatus.ERROR, null, message);
        try {
            engine.client()
                    .newCancelInstanceCommand(execution.processInstanceKey)
                    .send()
                    .join();
        } catch (RuntimeException e) {
            LOG.debugf(
                    "Process instance %d of a refused operation was not cancelled: %s",
                    execution.processInstanceKey, e.getMessage());
        }
        return QuarkusTransaction.requiringNew().call(() -> Execution.<Execution>findById(execution.id));
    }
}
