package io.dmflow.engine.processing.gateway;

import io.dmflow.engine.model.SequenceFlow;
import io.dmflow.engine.processing.behavior.BpmnElementContext;
import io.dmflow.engine.processing.behavior.BpmnElementProcessor;
import io.dmflow.engine.processing.behavior.BpmnExecution;
import io.dmflow.engine.processing.behavior.NoFlowTakenException;
import java.util.Map;

/** Takes the first outgoing flow, in XML order, whose condition is true; otherwise the default flow. */
public final class ExclusiveGatewayProcessor implements BpmnElementProcessor {

    @Override
    public void onActivate(BpmnExecution execution, BpmnElementContext context) {
        execution.complete(context.instance(), Map.of());
    }

    @Override
    public void onComplete(BpmnExecution execution, BpmnElementContext context) {
        var outgoing = context.element().outgoing();
        if (outgoing.size() == 1 && outgoing.get(0).condition() == null) {
            execution.takeFlow(outgoing.get(0), context.instance());
            return;
        }
        Map<String, Object> variables = execution.visibleVariables(context.instance());
        for (SequenceFlow flow : outgoing) {
            if (flow != context.element().defaultFlow()
                    && flow.condition() != null
                    && execution.services().expressions().evaluateBoolean(flow.condition(), variables)) {
                execution.takeFlow(flow, context.instance());
                return;
            }
        }
        if (context.element().defaultFlow() == null) {
            throw new NoFlowTakenException(context.element().id());
        }
        execution.takeFlow(context.element().defaultFlow(), context.instance());
    }
}
