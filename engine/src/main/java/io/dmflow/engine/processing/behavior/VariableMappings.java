package io.dmflow.engine.processing.behavior;

import io.dmflow.engine.instance.ElementInstance;
import io.dmflow.engine.model.VariableMapping;
import io.dmflow.engine.variable.VariableState;
import io.dmflow.engine.variable.VariableState.ScopeOwner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input and output mappings, and propagation of results up the scope chain (see
 * docs/engine-rest-api.md, 'Variables').
 */
public final class VariableMappings {
    private final BpmnExecution execution;

    VariableMappings(BpmnExecution execution) {
        this.execution = execution;
    }

    /** Inputs create locals in declared order; a later mapping sees an earlier target. */
    void applyInputs(BpmnElementContext context) {
        ElementInstance instance = context.instance();
        if (context.element().inputMappings().isEmpty()) {
            return;
        }
        VariableState variables = execution.tx().variables();
        ScopeOwner owner = execution.owner(instance);
        for (VariableMapping mapping : context.element().inputMappings()) {
            Object value = execution
                    .services()
                    .expressions()
                    .evaluate(mapping.source(), variables.visible(instance.scopePath()));
            String[] path = mapping.target().split("\\.");
            if (path.length == 1) {
                variables.setLocal(owner, mapping.target(), value);
            } else {
                Object existing = variables.local(instance.key()).get(path[0]);
                variables.setLocal(owner, path[0], withLeaf(existing, path, value));
            }
        }
    }

    /** Outputs are evaluated in the element's scope and merged into its flow scope with propagation. */
    void applyOutputs(BpmnElementContext context) {
        ElementInstance instance = context.instance();
        if (context.element().outputMappings().isEmpty() || instance.flowScopeKey() == null) {
            return;
        }
        VariableState variables = execution.tx().variables();
        long[] parentPath = java.util.Arrays.copyOf(instance.scopePath(), instance.scopePath().length - 1);
        Map<String, Object> results = new LinkedHashMap<>();
        for (VariableMapping mapping : context.element().outputMappings()) {
            Object value = execution
                    .services()
                    .expressions()
                    .evaluate(mapping.source(), variables.visible(instance.scopePath()));
            String[] path = mapping.target().split("\\.");
            if (path.length == 1) {
                results.put(mapping.target(), value);
            } else {
                // dotted targets update the leaf and keep the siblings of what the parent scope holds
                Object existing = results.containsKey(path[0])
                        ? results.get(path[0])
                        : variables.visible(parentPath).get(path[0]);
                results.put(path[0], withLeaf(existing, path, value));
            }
        }
        propagate(instance, parentPath, results);
    }

    /** Each variable goes to the innermost scope on the path that defines it, otherwise to the root. */
    public void propagate(ElementInstance anyInPath, long[] path, Map<String, Object> values) {
        VariableState variables = execution.tx().variables();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            long scope = variables.definingScope(path, entry.getKey());
            long target = scope >= 0 ? scope : path[0];
            ScopeOwner owner = new ScopeOwner(
                    target,
                    anyInPath.processInstanceKey(),
                    anyInPath.rootProcessInstanceKey(),
                    anyInPath.processDefinitionKey(),
                    anyInPath.tenantId());
            variables.setLocal(owner, entry.getKey(), entry.getValue());
        }
    }

    @SuppressWarnings("unchecked")
    private static Object withLeaf(Object existing, String[] path, Object value) {
        Map<String, Object> root =
                existing instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        Map<String, Object> current = root;
        for (int i = 1; i < path.length - 1; i++) {
            Object next = current.get(path[i]);
            Map<String, Object> copy =
                    next instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
            current.put(path[i], copy);
            current = copy;
        }
        current.put(path[path.length - 1], value);
        return root;
    }
}
