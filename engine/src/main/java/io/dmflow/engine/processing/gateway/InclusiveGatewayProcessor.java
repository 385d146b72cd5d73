package io.dmflow.engine.processing.gateway;

import io.dmflow.engine.model.SequenceFlow;
import io.dmflow.engine.processing.behavior.BpmnElementContext;
import io.dmflow.engine.processing.behavior.BpmnElementProcessor;
import io.dmflow.engine.processing.behavior.BpmnExecution;
import io.dmflow.engine.processing.behavior.NoFlowTakenException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Takes every outgoing flow whose condition is true; the default flow only when none is. */
public final class InclusiveGatewayProcessor implements BpmnElementProcessor {

    @Override
    public void onActivate(BpmnExecution execution, BpmnElementContext context) {
        execution.complete(context.instance(), Map.of());
    }

    @Override
    public void onComplete(BpmnExecution execution, BpmnElementContext context) {
        Map<String, Object> variables = execution.visibleVariables(context.instance());
        List<SequenceFlow> taken = new ArrayList<>();
        for (SequenceFlow flow : context.element().outgoing()) {
            if (flow == context.element().defaultFlow()) {
                continue;
            }
            if (flow.condition() == null
                    || execution.services().expressions().evaluateBoolean(flow.condition(), variables)) {
                taken.add(flow);
            }
        }
        if (taken.isEmpty()) {
            if (context.element().defaultFlow() == null) {
                throw new NoFlowTakenException(context.element().id());
            }
            taken.add(context.element().defaultFlow());
        }
        taken.forEach(flow -> execution.takeFlow(flow, context.instance()));
    }
}
