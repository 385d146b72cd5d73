package io.dmflow.template.bpmn;

import java.util.ArrayList;
import java.util.List;

/**
 * One BPMN flow node with the Zeebe settings it needs. A plain data holder filled by the compiler and
 * read by the XML writer; the layout gives it its bounds elsewhere.
 */
public final class FlowNode {

    /** A zeebe:input or zeebe:output mapping; the source is a FEEL expression with its '='. */
    public record Mapping(String source, String target) {}

    private final String id;
    private final NodeKind kind;
    private final String name;
    private String jobType;
    private final List<Mapping> inputs = new ArrayList<>();
    private final List<Mapping> outputs = new ArrayList<>();
    private String scriptExpression;
    private String resultVariable;
    private String calledProcessId;
    private EventDefinition eventDefinition;
    private FlowNode attachedTo;
    private String loopInputCollection;
    private String loopInputElement;
    private ProcessScope children;
    private boolean eventSubProcess;
    private String defaultFlowId;

    public FlowNode(String id, NodeKind kind, String name) {
        this.id = id;
        this.kind = kind;
        this.name = name;
    }

    public String id() {
        return id;
    }

    public NodeKind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public FlowNode jobType(String type) {
        this.jobType = type;
        return this;
    }

    public String jobType() {
        return jobType;
    }

    public FlowNode input(String target, String source) {
        inputs.add(new Mapping(source, target));
        return this;
    }

    public List<Mapping> inputs() {
        return inputs;
    }

    public FlowNode output(String source, String target) {
        outputs.add(new Mapping(source, target));
        return this;
    }

    public List<Mapping> outputs() {
        return outputs;
    }

    public FlowNode script(String expression, String result) {
        this.scriptExpression = expression;
        this.resultVariable = result;
        return this;
    }

    public String scriptExpression() {
        return scriptExpression;
    }

    public String resultVariable() {
        return resultVariable;
    }

    public FlowNode calledProcess(String processId) {
        this.calledProcessId = processId;
        return this;
    }

    public String calledProcessId() {
        return calledProcessId;
    }

    public FlowNode eventDefinition(EventDefinition definition) {
        this.eventDefinition = definition;
        return this;
    }

    public EventDefinition eventDefinition() {
        return eventDefinition;
    }

    public FlowNode attachTo(FlowNode host) {
        this.attachedTo = host;
        return this;
    }

    public FlowNode attachedTo() {
        return attachedTo;
    }

    public FlowNode sequentialLoop(String inputCollection, String inputElement) {
        this.loopInputCollection = inputCollection;
        this.loopInputElement = inputElement;
        return this;
    }

    public String loopInputCollection() {
        return loopInputCollection;
    }

    public String loopInputElement() {
        return loopInputElement;
    }

    public FlowNode children(ProcessScope scope, boolean triggeredByEvent) {
        this.children = scope;
        this.eventSubProcess = triggeredByEvent;
        return this;
    }

    public ProcessScope children() {
        return children;
    }

    public boolean isEventSubProcess() {
        return eventSubProcess;
    }

    void defaultFlow(String flowId) {
        this.defaultFlowId = flowId;
    }

    public String defaultFlowId() {
        return defaultFlowId;
    }
}
