package io.dmflow.template.bpmn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The flow nodes and sequence flows of a process or of one sub-process, in the order they are written. */
public final class ProcessScope {

    private final List<FlowNode> nodes = new ArrayList<>();
    private final List<SequenceFlow> flows = new ArrayList<>();
    private final IdGenerator ids;

    public ProcessScope(IdGenerator ids) {
        this.ids = ids;
    }

    public FlowNode add(String idHint, NodeKind kind, String name) {
        FlowNode node = new FlowNode(ids.next(idHint), kind, name);
        nodes.add(node);
        return node;
    }

    public SequenceFlow connect(FlowNode source, FlowNode target) {
        return connect(source, target, null, null);
    }

    public SequenceFlow connect(FlowNode source, FlowNode target, String name, String condition) {
        SequenceFlow flow = new SequenceFlow(ids.next("Flow_" + source.id()), source, target, name, condition);
        flows.add(flow);
        return flow;
    }

    /** A flow taken when no condition of its gateway holds. */
    public SequenceFlow connectDefault(FlowNode gateway, FlowNode target, String name) {
        SequenceFlow flow = connect(gateway, target, name, null);
        gateway.defaultFlow(flow.id());
        return flow;
    }

    public ProcessScope nested() {
        return new ProcessScope(ids);
    }

    public List<FlowNode> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public List<SequenceFlow> flows() {
        return Collections.unmodifiableList(flows);
    }
}
