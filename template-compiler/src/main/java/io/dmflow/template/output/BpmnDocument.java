package io.dmflow.template.output;

import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.layout.Diagram;

/** Everything the writer needs: the process, its diagram and the template it came from. */
public record BpmnDocument(
        String processId, String processName, String documentation, ProcessScope process, Diagram diagram) {}
