package io.dmflow.engine.processing.task;

import io.dmflow.engine.processing.behavior.BpmnElementContext;
import io.dmflow.engine.processing.behavior.BpmnElementProcessor;
import io.dmflow.engine.processing.behavior.BpmnExecution;
import java.util.Map;

/** Elements without behaviour of their own (task, manual task, none throw event, parallel gateway). */
public final class PassThroughProcessor implements BpmnElementProcessor {
    @Override
    public void onActivate(BpmnExecution execution, BpmnElementContext context) {
        execution.complete(context.instance(), Map.of());
    }
}
