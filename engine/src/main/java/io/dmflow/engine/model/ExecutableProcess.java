package io.dmflow.engine.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A deployed process transformed into the engine's executable form. Immutable once built. */
public final class ExecutableProcess {
    private final String bpmnProcessId;
    private final ExecutableFlowNode root;
    private final Map<String, ExecutableFlowNode> elements = new LinkedHashMap<>();
    private final Map<String, SequenceFlow> sequenceFlows = new LinkedHashMap<>();

    ExecutableProcess(String bpmnProcessId, ExecutableFlowNode root) {
        this.bpmnProcessId = bpmnProcessId;
        this.root = root;
        elements.put(bpmnProcessId, root);
    }

    public String bpmnProcessId() {
        return bpmnProcessId;
    }

    public ExecutableFlowNode root() {
        return root;
    }

    public ExecutableFlowNode element(String id) {
        ExecutableFlowNode node = elements.get(id);
        if (node == null) {
            throw new IllegalArgumentException("no element '" + id + "' in process '" + bpmnProcessId + "'");
        }
        return node;
    }

    public Optional<ExecutableFlowNode> findElement(String id) {
        return Optional.ofNullable(elements.get(id));
    }

    public Map<String, ExecutableFlowNode> elements() {
        return elements;
    }

    public SequenceFlow sequenceFlow(String id) {
        return sequenceFlows.get(id);
    }

    void add(ExecutableFlowNode node) {
        elements.put(node.id(), node);
    }

    void add(SequenceFlow flow) {
        sequenceFlows.put(flow.id(), flow);
    }
}
