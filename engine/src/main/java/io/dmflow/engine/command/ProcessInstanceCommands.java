package io.dmflow.engine.command;

import io.dmflow.engine.deployment.ProcessDefinition;
import io.dmflow.engine.instance.ElementInstance;
import io.dmflow.engine.instance.ProcessInstance;
import io.dmflow.engine.processing.behavior.BpmnExecution;
import io.dmflow.engine.processing.behavior.EngineServices;
import io.dmflow.engine.rejection.EngineRejection;
import io.dmflow.engine.state.JsonValues;
import io.dmflow.engine.transaction.CommandRunner;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Create and cancel process instances. */
public final class ProcessInstanceCommands {
    public record Created(
            ProcessDefinition definition, long processInstanceKey, CompletableFuture<Map<String, Object>> completion) {}

    private final CommandRunner runner;
    private final EngineServices services;
    private final AwaitingCallers awaiting;

    public ProcessInstanceCommands(CommandRunner runner, EngineServices services, AwaitingCallers awaiting) {
        this.runner = runner;
        this.services = services;
        this.awaiting = awaiting;
    }

    /** By key, or by BPMN process id and version (-1 or null: latest). */
    public Created create(
            Long definitionKey,
            String bpmnProcessId,
            Integer version,
            String tenantId,
            Map<String, Object> variables,
            List<String> tags,
            String businessId,
            boolean awaitCompletion) {
        String tenant = tenantId == null || tenantId.isBlank() ? "<default>" : tenantId;
        Long[] createdKey = new Long[1];
        try {
            return runner.run(tx -> {
                ProcessDefinition definition;
                if (definitionKey != null) {
                    definition = services.definitions()
                            .find(tx.sql(), definitionKey)
                            .orElseThrow(() -> EngineRejection.notFound("Expected to find process definition with key '"
                                    + definitionKey + "', but none found"));
                } else if (version == null || version < 0) {
                    definition = services.definitions()
                            .latest(tx.sql(), tenant, bpmnProcessId)
                            .orElseThrow(() ->
                                    EngineRejection.notFound("Expected to find process definition with process ID '"
                                            + bpmnProcessId + "', but none found"));
                } else {
                    definition = services.definitions()
                            .version(tx.sql(), tenant, bpmnProcessId, version)
                            .orElseThrow(() ->
                                    EngineRejection.notFound("Expected to find process definition with process ID '"
                                            + bpmnProcessId + "' and version '" + version + "', but none found"));
                }
                if (services.definitions()
                                .executable(tx.sql(), definition.key())
                                .root()
                                .noneStartEvent()
                        == null) {
                    throw EngineRejection.invalidArgument(
                            "Expected to create an instance of process '" + definition.bpmnProcessId()
                                    + "', but it has no none start event (it starts by message or timer)");
                }
                BpmnExecution execution = new BpmnExecution(tx, services);
                ElementInstance root = execution.createProcessInstance(
                        definition,
                        variables == null ? Map.of() : variables,
                        null,
                        JsonValues.write(tags == null ? List.of() : tags),
                        businessId);
                createdKey[0] = root.key();
                // registered before commit: the instance may complete in this very transaction
                CompletableFuture<Map<String, Object>> completion =
                        awaitCompletion ? awaiting.register(root.key()) : null;
                execution.run();
                return new Created(definition, root.key(), completion);
            });
        } catch (RuntimeException e) {
            if (createdKey[0] != null) {
                awaiting.forget(createdKey[0]);
            }
            throw e;
        }
    }

    public void forgetAwait(long processInstanceKey) {
        awaiting.forget(processInstanceKey);
    }

    public void cancel(long processInstanceKey) {
        runner.run(tx -> {
            ProcessInstance pi =
                    tx.processInstances().find(processInstanceKey).orElseThrow(() -> notFound(processInstanceKey));
            tx.sql().lockInstanceTree(pi.rootProcessInstanceKey());
            ElementInstance root =
                    tx.elementInstances().find(processInstanceKey).orElseThrow(() -> notFound(processInstanceKey));
            if (!root.isActive()) {
                throw notFound(processInstanceKey);
            }
            if (pi.parentProcessInstanceKey() != null) {
                throw EngineRejection.invalidState(
                        "Expected to cancel a process instance with key '" + processInstanceKey
                                + "', but it is created by a parent process instance. Cancel the root process instance '"
                                + pi.rootProcessInstanceKey() + "' instead.");
            }
            new BpmnExecution(tx, services).terminate(root);
            return null;
        });
    }

    private static EngineRejection notFound(long key) {
        return EngineRejection.notFound(
                "Expected to cancel a process instance with key '" + key + "', but no such process instance was found");
    }
}
