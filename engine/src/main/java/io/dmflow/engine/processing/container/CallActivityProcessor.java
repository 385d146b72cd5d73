package io.dmflow.engine.processing.container;

import io.dmflow.engine.deployment.ProcessDefinition;
import io.dmflow.engine.incident.IncidentStore.RetryStep;
import io.dmflow.engine.instance.ElementInstance;
import io.dmflow.engine.processing.behavior.BpmnElementContext;
import io.dmflow.engine.processing.behavior.BpmnElementProcessor;
import io.dmflow.engine.processing.behavior.BpmnExecution;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Starts the latest version of the called process; the child's completion completes the call activity. */
public final class CallActivityProcessor implements BpmnElementProcessor {

    @Override
    public void onActivate(BpmnExecution execution, BpmnElementContext context) {
        ElementInstance instance = context.instance();
        var called = context.element().calledElement();
        String processId = execution
                .services()
                .expressions()
                .evaluateString(called.processId(), execution.visibleVariables(instance));
        Optional<ProcessDefinition> definition =
                execution.services().definitions().latest(execution.tx().sql(), instance.tenantId(), processId);
        if (definition.isEmpty()) {
            execution.raiseIncident(
                    instance,
                    "CALLED_ELEMENT_ERROR",
                    "Expected process with BPMN process id '" + processId + "' to be deployed, but not found.",
                    RetryStep.ACTIVATE,
                    null);
            return;
        }
        Map<String, Object> variables = new LinkedHashMap<>(
                called.propagateAllParentVariables()
                        ? execution.visibleVariables(instance)
                        : execution.tx().variables().local(instance.key()));
        ElementInstance child = execution.createProcessInstance(
                definition.get(), variables, instance, context.processInstance().tagsJson(), null);
        if (child == null) {
            throw new IllegalStateException("child instance not created");
        }
    }

    @Override
    public void onTerminate(BpmnExecution execution, BpmnElementContext context) {
        execution
                .tx()
                .processInstances()
                .activeChildOf(context.key())
                .ifPresent(child ->
                        execution.terminate(execution.tx().elementInstances().get(child)));
    }
}
