package io.dmflow.engine.instance;

import io.dmflow.engine.model.BpmnElementType;

/** One executed flow element (or the process itself), as the engine keeps it. */
public final class ElementInstance {
    final long key;
    final long processInstanceKey;
    final long rootProcessInstanceKey;
    final long processDefinitionKey;
    final String bpmnProcessId;
    final String elementId;
    final BpmnElementType type;
    final Long flowScopeKey;
    final long[] scopePath;
    final String tenantId;
    final long startTime;
    final Integer multiInstanceIndex;
    Lifecycle lifecycle;
    Long endTime;
    Long incidentKey;

    ElementInstance(
            long key,
            long processInstanceKey,
            long rootProcessInstanceKey,
            long processDefinitionKey,
            String bpmnProcessId,
            String elementId,
            BpmnElementType type,
            Long flowScopeKey,
            long[] scopePath,
            String tenantId,
            long startTime,
            Integer multiInstanceIndex,
            Lifecycle lifecycle,
            Long endTime,
            Long incidentKey) {
        this.key = key;
        this.processInstanceKey = processInstanceKey;
        this.rootProcessInstanceKey = rootProcessInstanceKey;
        this.processDefinitionKey = processDefinitionKey;
        this.bpmnProcessId = bpmnProcessId;
        this.elementId = elementId;
        this.type = type;
        this.flowScopeKey = flowScopeKey;
        this.scopePath = scopePath;
        this.tenantId = tenantId;
        this.startTime = startTime;
        this.multiInstanceIndex = multiInstanceIndex;
        this.lifecycle = lifecycle;
        this.endTime = endTime;
        this.incidentKey = incidentKey;
    }

    public long key() {
        return key;
    }

    public long processInstanceKey() {
        return processInstanceKey;
    }

    public long rootProcessInstanceKey() {
        return rootProcessInstanceKey;
    }

    public long processDefinitionKey() {
        return processDefinitionKey;
    }

    public String bpmnProcessId() {
        return bpmnProcessId;
    }

    public String elementId() {
        return elementId;
    }

    public BpmnElementType type() {
        return type;
    }

    public Long flowScopeKey() {
        return flowScopeKey;
    }
    /** Keys from the process instance down to this instance: the variable scopes it sees. */
    public long[] scopePath() {
        return scopePath;
    }

    public String tenantId() {
        return tenantId;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public Integer multiInstanceIndex() {
        return multiInstanceIndex;
    }

    public boolean isActive() {
        return !lifecycle.isFinal();
    }

    public boolean isProcess() {
        return type == BpmnElementType.PROCESS;
    }

    public long[] childPath(long childKey) {
        long[] path = java.util.Arrays.copyOf(scopePath, scopePath.length + 1);
        path[scopePath.length] = childKey;
        return path;
    }

    @Override
    public String toString() {
        return type + " " + elementId + " #" + key + " " + lifecycle;
    }
}
