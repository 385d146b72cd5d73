package io.dmflow.engine.processing.event;

import io.dmflow.engine.processing.behavior.BpmnElementContext;
import io.dmflow.engine.processing.behavior.BpmnElementProcessor;
import io.dmflow.engine.processing.behavior.BpmnExecution;

/**
 * Start and boundary events: by the time they are activated their trigger already happened, so
 * they complete at once with the trigger's variables (message payload, error variables).
 */
public final class TriggeredEventProcessor implements BpmnElementProcessor {
    @Override
    public void onActivate(BpmnExecution execution, BpmnElementContext context) {
        execution.complete(context.instance(), execution.takeTriggerVariables(context.key()));
    }
}
