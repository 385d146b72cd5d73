package io.dmflow.engine.processing;

/** Intermediate message/timer catch events and receive tasks wait for their own trigger. */
final class CatchEventProcessor implements BpmnElementProcessor {
  @Override
  public void onActivate(BpmnExecution execution, BpmnElementContext context) {
    execution.eventTriggers().open(context.instance(), context.element());
  }
}
