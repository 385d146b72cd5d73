package io.dmflow.engine.model;

import io.dmflow.engine.feel.Expression;

public final class SequenceFlow {
    private final String id;
    private final Expression condition;
    private ExecutableFlowNode source;
    private ExecutableFlowNode target;

    public SequenceFlow(String id, Expression condition) {
        this.id = id;
        this.condition = condition;
    }

    public String id() {
        return id;
    }

    public Expression condition() {
        return condition;
    }

    public ExecutableFlowNode source() {
        return source;
    }

    public ExecutableFlowNode target() {
        return target;
    }

    void connect(ExecutableFlowNode source, ExecutableFlowNode target) {
        this.source = source;
        this.target = target;
    }
}
