package io.dmflow.engine.processing;

import java.util.Map;

/** Elements without behaviour of their own (task, manual task, none throw event, parallel gateway). */
final class PassThroughProcessor implements BpmnElementProcessor {
  @Override
  public void onActivate(BpmnExecution execution, BpmnElementContext context) {
    execution.complete(context.instance(), Map.of());
  }
}
