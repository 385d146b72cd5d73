package io.dmflow.engine.processing;

/**
 * Start and boundary events: by the time they are activated their trigger already happened, so
 * they complete at once with the trigger's variables (message payload, error variables).
 */
final class TriggeredEventProcessor implements BpmnElementProcessor {
  @Override
  public void onActivate(BpmnExecution execution, BpmnElementContext context) {
    execution.complete(context.instance(), execution.takeTriggerVariables(context.key()));
  }
}
