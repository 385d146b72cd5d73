package io.dmflow.engine.command;

import io.dmflow.engine.instance.ElementInstance;
import io.dmflow.engine.processing.behavior.BpmnExecution;
import io.dmflow.engine.processing.behavior.EngineServices;
import io.dmflow.engine.rejection.EngineRejection;
import io.dmflow.engine.transaction.CommandRunner;
import io.dmflow.engine.variable.VariableState;
import java.util.Map;

/** Set variables on a scope: exactly there (local), or propagated to where each is defined. */
public final class VariableCommands {
    private final CommandRunner runner;
    private final EngineServices services;

    public VariableCommands(CommandRunner runner, EngineServices services) {
        this.runner = runner;
        this.services = services;
    }

    public long setVariables(long elementInstanceKey, Map<String, Object> variables, boolean local) {
        return runner.run(tx -> {
            ElementInstance scope =
                    tx.elementInstances().find(elementInstanceKey).orElseThrow(() -> notFound(elementInstanceKey));
            tx.sql().lockInstanceTree(scope.rootProcessInstanceKey());
            if (!scope.isActive()) {
                throw notFound(elementInstanceKey);
            }
            BpmnExecution execution = new BpmnExecution(tx, services);
            if (local) {
                var owner = execution.owner(scope);
                variables.forEach((name, value) -> tx.variables().setLocal(owner, name, value));
            } else {
                for (Map.Entry<String, Object> entry : variables.entrySet()) {
                    long defining = tx.variables().definingScope(scope.scopePath(), entry.getKey());
                    long target = defining >= 0 ? defining : scope.scopePath()[0];
                    var owner = new VariableState.ScopeOwner(
                            target,
                            scope.processInstanceKey(),
                            scope.rootProcessInstanceKey(),
                            scope.processDefinitionKey(),
                            scope.tenantId());
                    tx.variables().setLocal(owner, entry.getKey(), entry.getValue());
                }
            }
            return tx.newKey();
        });
    }

    private static EngineRejection notFound(long key) {
        return EngineRejection.notFound(
                "Expected to update variables for element with key '" + key + "', but no such element was found");
    }
}
