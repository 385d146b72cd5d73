package io.dmflow.engine.processing.behavior;

import io.dmflow.engine.instance.ElementInstance;
import io.dmflow.engine.instance.ProcessInstance;
import io.dmflow.engine.model.BpmnElementType;
import io.dmflow.engine.model.EventKind;
import io.dmflow.engine.model.ExecutableFlowNode;
import java.util.List;
import java.util.Map;

/**
 * BPMN errors: the catch search walks from the thrower outwards — boundary events of the element,
 * then error event sub-processes and boundaries of each enclosing scope, across call activities —
 * and in each place an exact code beats a catch-all.
 */
public final class ErrorEvents {
    private final BpmnExecution execution;

    ErrorEvents(BpmnExecution execution) {
        this.execution = execution;
    }

    /** Throws the error; returns false when nothing catches it (the caller raises the incident). */
    public boolean throwError(ElementInstance thrower, String errorCode, Map<String, Object> variables) {
        ElementInstance current = thrower;
        while (current != null) {
            BpmnElementContext context = execution.context(current);
            ExecutableFlowNode element = context.element();
            if (current.type().isContainer() && current != thrower) {
                ExecutableFlowNode eventSubprocess = match(
                        element.eventSubprocesses().stream()
                                .filter(esp -> esp.eventSubprocessStart().eventKind() == EventKind.ERROR)
                                .toList(),
                        errorCode,
                        true);
                if (eventSubprocess != null) {
                    for (ElementInstance child :
                            execution.tx().elementInstances().activeChildren(current.key())) {
                        execution.terminate(child);
                    }
                    execution.eventTriggers().closeAll(current);
                    ElementInstance subprocess = execution.activate(eventSubprocess, current);
                    execution.eventSubprocessTriggered(subprocess, variables);
                    return true;
                }
            }
            boolean hostsBoundaries =
                    current.type() == BpmnElementType.MULTI_INSTANCE_BODY || !element.isMultiInstance();
            if (hostsBoundaries) {
                ExecutableFlowNode boundary = match(
                        element.boundaryEvents().stream()
                                .filter(b -> b.eventKind() == EventKind.ERROR)
                                .toList(),
                        errorCode,
                        false);
                if (boundary != null) {
                    ElementInstance scope = execution.tx().elementInstances().get(current.flowScopeKey());
                    execution.terminate(current);
                    execution.activateTriggered(boundary, scope, variables);
                    return true;
                }
            }
            current = parentOf(current);
        }
        return false;
    }

    private ElementInstance parentOf(ElementInstance instance) {
        if (instance.flowScopeKey() != null) {
            return execution.tx().elementInstances().get(instance.flowScopeKey());
        }
        ProcessInstance pi = execution.tx().processInstances().get(instance.processInstanceKey());
        return pi.parentElementInstanceKey() == null
                ? null
                : execution.tx().elementInstances().get(pi.parentElementInstanceKey());
    }

    private static ExecutableFlowNode match(
            List<ExecutableFlowNode> candidates, String errorCode, boolean eventSubprocess) {
        ExecutableFlowNode catchAll = null;
        for (ExecutableFlowNode candidate : candidates) {
            String code = eventSubprocess ? candidate.eventSubprocessStart().errorCode() : candidate.errorCode();
            if (code == null) {
                catchAll = candidate;
            } else if (code.equals(errorCode)) {
                return candidate;
            }
        }
        return catchAll;
    }
}
