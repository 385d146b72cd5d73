package io.dmflow.template.bpmn;

/** A sequence flow; a condition is a FEEL expression with its '='. */
public record SequenceFlow(String id, FlowNode source, FlowNode target, String name, String condition) {}
