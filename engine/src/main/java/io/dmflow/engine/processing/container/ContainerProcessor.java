package io.dmflow.engine.processing.container;

import io.dmflow.engine.instance.ElementInstance;
import io.dmflow.engine.model.BpmnElementType;
import io.dmflow.engine.model.EventKind;
import io.dmflow.engine.model.ExecutableFlowNode;
import io.dmflow.engine.processing.behavior.BpmnElementContext;
import io.dmflow.engine.processing.behavior.BpmnElementProcessor;
import io.dmflow.engine.processing.behavior.BpmnExecution;

/** Process, embedded sub-process and event sub-process: open event sub-process triggers, start, wait for children. */
public final class ContainerProcessor implements BpmnElementProcessor {

    @Override
    public void onActivate(BpmnExecution execution, BpmnElementContext context) {
        ElementInstance instance = context.instance();
        ExecutableFlowNode element = context.element();
        for (ExecutableFlowNode eventSubprocess : element.eventSubprocesses()) {
            ExecutableFlowNode start = eventSubprocess.eventSubprocessStart();
            if (start.eventKind() == EventKind.MESSAGE || start.eventKind() == EventKind.TIMER) {
                execution.eventTriggers().open(instance, start);
            }
        }
        String startOverride = instance.isProcess() ? execution.takeStartOverride(instance.key()) : null;
        if (startOverride != null) {
            execution.activateTriggered(
                    context.process().element(startOverride), instance, execution.takeTriggerVariables(instance.key()));
        } else if (instance.type() == BpmnElementType.EVENT_SUB_PROCESS) {
            execution.activateTriggered(
                    element.eventSubprocessStart(), instance, execution.takeTriggerVariables(instance.key()));
        } else {
            execution.activate(element.noneStartEvent(), instance);
        }
    }

    @Override
    public void onComplete(BpmnExecution execution, BpmnElementContext context) {
        if (context.instance().type() == BpmnElementType.SUB_PROCESS) {
            execution.takeAllOutgoing(context);
        }
    }

    @Override
    public void onChildEnded(BpmnExecution execution, BpmnElementContext scope, ElementInstance child) {
        execution.completeScopeWhenIdle(scope.instance());
    }
}
