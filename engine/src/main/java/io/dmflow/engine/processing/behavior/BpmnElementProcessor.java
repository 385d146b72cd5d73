package io.dmflow.engine.processing.behavior;

import io.dmflow.engine.instance.ElementInstance;

/**
 * The behaviour of one element kind. The execution runs the shared lifecycle (input mappings,
 * event triggers, output mappings, scope completion) and calls the processor for what differs.
 */
public interface BpmnElementProcessor {

    /** The element is activated (input mappings applied): start working or complete at once. */
    void onActivate(BpmnExecution execution, BpmnElementContext context);

    /** The element completed: choose the flows to leave by. */
    default void onComplete(BpmnExecution execution, BpmnElementContext context) {
        execution.takeAllOutgoing(context);
    }

    /** The element is being terminated: release what only this kind holds (jobs, called instances). */
    default void onTerminate(BpmnExecution execution, BpmnElementContext context) {}

    /** A child of this container ended (completed or terminated). */
    default void onChildEnded(BpmnExecution execution, BpmnElementContext scope, ElementInstance child) {}
}
