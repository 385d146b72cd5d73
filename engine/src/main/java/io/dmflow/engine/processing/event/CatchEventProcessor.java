package io.dmflow.engine.processing.event;

import io.dmflow.engine.processing.behavior.BpmnElementContext;
import io.dmflow.engine.processing.behavior.BpmnElementProcessor;
import io.dmflow.engine.processing.behavior.BpmnExecution;

/** Intermediate message/timer catch events and receive tasks wait for their own trigger. */
public final class CatchEventProcessor implements BpmnElementProcessor {
    @Override
    public void onActivate(BpmnExecution execution, BpmnElementContext context) {
        if (execution.wasTriggered(context.key())) {
            // behind an event-based gateway: its event already happened
            execution.complete(context.instance(), execution.takeTriggerVariables(context.key()));
            return;
        }
        execution.eventTriggers().open(context.instance(), context.element());
    }
}
