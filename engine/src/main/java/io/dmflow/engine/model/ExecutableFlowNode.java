package io.dmflow.engine.model;

import io.dmflow.engine.feel.Expression;
import java.util.ArrayList;
import java.util.List;

/**
 * One BPMN flow element as the engine executes it. The element kind decides which processor runs
 * it; the optional parts (job, message, timer, ...) are set only where the kind has them.
 */
public final class ExecutableFlowNode {
    private final String id;
    private final String name;
    private final BpmnElementType type;
    private final ExecutableFlowNode flowScope;
    private final List<SequenceFlow> incoming = new ArrayList<>();
    private final List<SequenceFlow> outgoing = new ArrayList<>();
    private final List<ExecutableFlowNode> boundaryEvents = new ArrayList<>();
    private final List<ExecutableFlowNode> eventSubprocesses = new ArrayList<>();
    private final List<VariableMapping> inputMappings = new ArrayList<>();
    private final List<VariableMapping> outputMappings = new ArrayList<>();
    private final List<ExecutableFlowNode> messageStartEvents = new ArrayList<>();
    private final List<ExecutableFlowNode> timerStartEvents = new ArrayList<>();

    EventKind eventKind = EventKind.NONE;
    boolean interrupting = true;
    ExecutableFlowNode attachedTo;
    ExecutableFlowNode noneStartEvent;
    SequenceFlow defaultFlow;
    JobDefinition job;
    MessageDefinition message;
    TimerDefinition timer;
    String errorCode;
    Expression thrownErrorCode;
    ScriptDefinition script;
    CalledElement calledElement;
    LoopCharacteristics loop;

    ExecutableFlowNode(String id, String name, BpmnElementType type, ExecutableFlowNode flowScope) {
        this.id = id;
        this.name = name;
        this.type = type;
        this.flowScope = flowScope;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name == null || name.isBlank() ? id : name;
    }

    public BpmnElementType type() {
        return type;
    }
    /** The enclosing process or sub-process; null for the process itself. */
    public ExecutableFlowNode flowScope() {
        return flowScope;
    }

    public List<SequenceFlow> incoming() {
        return incoming;
    }

    public List<SequenceFlow> outgoing() {
        return outgoing;
    }

    public List<ExecutableFlowNode> boundaryEvents() {
        return boundaryEvents;
    }

    public List<ExecutableFlowNode> eventSubprocesses() {
        return eventSubprocesses;
    }

    public List<VariableMapping> inputMappings() {
        return inputMappings;
    }

    public List<VariableMapping> outputMappings() {
        return outputMappings;
    }

    public EventKind eventKind() {
        return eventKind;
    }

    public boolean interrupting() {
        return interrupting;
    }

    public ExecutableFlowNode attachedTo() {
        return attachedTo;
    }
    /** For a process or embedded sub-process: where a new scope starts. */
    public ExecutableFlowNode noneStartEvent() {
        return noneStartEvent;
    }
    /** For a process: start events triggered by a published message. */
    public List<ExecutableFlowNode> messageStartEvents() {
        return messageStartEvents;
    }
    /** For a process: start events that fire on a date or cycle, scheduled at deployment. */
    public List<ExecutableFlowNode> timerStartEvents() {
        return timerStartEvents;
    }

    public SequenceFlow defaultFlow() {
        return defaultFlow;
    }

    public JobDefinition job() {
        return job;
    }

    public MessageDefinition message() {
        return message;
    }

    public TimerDefinition timer() {
        return timer;
    }
    /** Static code an error catch event waits for; null catches every error. */
    public String errorCode() {
        return errorCode;
    }
    /** Code an error end event throws. */
    public Expression thrownErrorCode() {
        return thrownErrorCode;
    }

    public ScriptDefinition script() {
        return script;
    }

    public CalledElement calledElement() {
        return calledElement;
    }

    public LoopCharacteristics loop() {
        return loop;
    }

    public boolean isMultiInstance() {
        return loop != null;
    }

    /** For an event sub-process: its single start event. */
    public ExecutableFlowNode eventSubprocessStart() {
        return noneStartEvent;
    }

    @Override
    public String toString() {
        return type + " '" + id + "'";
    }
}
