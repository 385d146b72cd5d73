package io.dmflow.engine.processing.gateway;

import io.dmflow.engine.model.SequenceFlow;
import io.dmflow.engine.processing.behavior.BpmnElementContext;
import io.dmflow.engine.processing.behavior.BpmnElementProcessor;
import io.dmflow.engine.processing.behavior.BpmnExecution;

/**
 * Opens the triggers of every event behind it on its own behalf; the first to fire wins and the
 * others are closed (see EventTriggers.trigger).
 */
public final class EventBasedGatewayProcessor implements BpmnElementProcessor {

    @Override
    public void onActivate(BpmnExecution execution, BpmnElementContext context) {
        for (SequenceFlow flow : context.element().outgoing()) {
            execution.eventTriggers().open(context.instance(), flow.target());
        }
    }

    @Override
    public void onComplete(BpmnExecution execution, BpmnElementContext context) {
        // leaves through the event that fired, not through every flow
    }
}
