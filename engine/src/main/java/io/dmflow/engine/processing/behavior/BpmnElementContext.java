package io.dmflow.engine.processing.behavior;

import io.dmflow.engine.instance.ElementInstance;
import io.dmflow.engine.instance.ProcessInstance;
import io.dmflow.engine.model.ExecutableFlowNode;
import io.dmflow.engine.model.ExecutableProcess;

/** An element instance together with its definition, as a processor sees it. */
public record BpmnElementContext(
        ElementInstance instance,
        ExecutableFlowNode element,
        ProcessInstance processInstance,
        ExecutableProcess process) {

    public long key() {
        return instance.key();
    }
}
