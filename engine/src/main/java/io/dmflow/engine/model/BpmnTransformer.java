package io.dmflow.engine.model;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.ConditionExpression;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.IntermediateThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.ManualTask;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.ScriptTask;
import io.camunda.zeebe.model.bpmn.instance.SendTask;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.Task;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.dmflow.engine.feel.Expression;
import io.dmflow.engine.feel.ExpressionLanguage;
import io.dmflow.engine.feel.InvalidExpressionException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a parsed BPMN model into executable processes, and rejects every element or attribute the
 * engine would otherwise silently ignore.
 */
public final class BpmnTransformer {
  private final ExpressionLanguage expressions;

  public BpmnTransformer(ExpressionLanguage expressions) {
    this.expressions = expressions;
  }

  public List<ExecutableProcess> transform(BpmnModelInstance model) {
    List<ExecutableProcess> processes = new ArrayList<>();
    for (Process process : model.getModelElementsByType(Process.class)) {
      if (process.isExecutable()) {
        processes.add(transform(process));
      }
    }
    if (processes.isEmpty()) {
      throw new UnsupportedModelException("the resource contains no executable process (isExecutable=\"true\")");
    }
    return processes;
  }

  private ExecutableProcess transform(Process process) {
    rejectExecutionListeners(process);
    ExecutableFlowNode root = new ExecutableFlowNode(process.getId(), process.getName(), BpmnElementType.PROCESS, null);
    ExecutableProcess executable = new ExecutableProcess(process.getId(), root);
    List<BoundaryEvent> boundaries = new ArrayList<>();
    List<io.camunda.zeebe.model.bpmn.instance.SequenceFlow> flows = new ArrayList<>();
    addScope(executable, root, process.getFlowElements(), boundaries, flows);
    for (BoundaryEvent boundary : boundaries) {
      ExecutableFlowNode node = executable.element(boundary.getId());
      ExecutableFlowNode host = executable.element(boundary.getAttachedTo().getId());
      node.attachedTo = host;
      node.interrupting = boundary.cancelActivity();
      if (node.eventKind == EventKind.ERROR && !node.interrupting) {
        throw unsupported(boundary, "a non-interrupting error boundary event");
      }
      if (node.eventKind == EventKind.TIMER && node.interrupting && node.timer.kind() == TimerDefinition.Kind.CYCLE) {
        throw unsupported(boundary, "an interrupting timer boundary event with a time cycle");
      }
      host.boundaryEvents().add(node);
    }
    for (io.camunda.zeebe.model.bpmn.instance.SequenceFlow flow : flows) {
      ConditionExpression condition = flow.getConditionExpression();
      Expression parsed = null;
      if (condition != null && condition.getTextContent() != null && !condition.getTextContent().isBlank()) {
        parsed = parse(flow, () -> expressions.parseFeel(condition.getTextContent()));
      }
      SequenceFlow executableFlow = new SequenceFlow(flow.getId(), parsed);
      ExecutableFlowNode source = executable.element(flow.getSource().getId());
      ExecutableFlowNode target = executable.element(flow.getTarget().getId());
      executableFlow.connect(source, target);
      source.outgoing().add(executableFlow);
      target.incoming().add(executableFlow);
      executable.add(executableFlow);
    }
    for (ExecutableFlowNode node : executable.elements().values()) {
      checkGateway(node, process);
      checkErrorCatchesUnique(node);
    }
    if (root.noneStartEvent == null && root.messageStartEvents().isEmpty() && root.timerStartEvents().isEmpty()) {
      throw new UnsupportedModelException("process '" + process.getId() + "' has no none, message or timer start event");
    }
    return executable;
  }

  private void addScope(ExecutableProcess executable, ExecutableFlowNode scope, Collection<FlowElement> elements,
      List<BoundaryEvent> boundaries, List<io.camunda.zeebe.model.bpmn.instance.SequenceFlow> flows) {
    for (FlowElement element : elements) {
      if (element instanceof io.camunda.zeebe.model.bpmn.instance.SequenceFlow flow) {
        flows.add(flow);
        continue;
      }
      if (!(element instanceof FlowNode flowNode)) {
        continue; // data objects and the like carry no behaviour
      }
      rejectExecutionListeners(flowNode);
      ExecutableFlowNode node = createNode(flowNode, scope);
      executable.add(node);
      if (flowNode instanceof Activity activity) {
        addActivityParts(activity, node);
      }
      if (flowNode instanceof BoundaryEvent boundary) {
        boundaries.add(boundary);
      }
      if (node.type() == BpmnElementType.START_EVENT) {
        registerStartEvent(scope, node, flowNode);
      }
      if (flowNode instanceof SubProcess subProcess) {
        addScope(executable, node, subProcess.getFlowElements(), boundaries, flows);
        if (node.type() == BpmnElementType.EVENT_SUB_PROCESS) {
          if (node.noneStartEvent == null) {
            throw unsupported(flowNode, "an event sub-process without a message, timer or error start event");
          }
          scope.eventSubprocesses().add(node);
        } else if (node.noneStartEvent == null) {
          throw new UnsupportedModelException("sub-process '" + flowNode.getId() + "' must have exactly one none start event");
        }
      }
    }
  }

  private void registerStartEvent(ExecutableFlowNode scope, ExecutableFlowNode start, FlowNode element) {
    if (scope.type() == BpmnElementType.EVENT_SUB_PROCESS) {
      if (start.eventKind == EventKind.NONE) {
        throw unsupported(element, "a none start event in an event sub-process");
      }
      StartEvent startEvent = (StartEvent) element;
      start.interrupting = startEvent.isInterrupting();
      scope.interrupting = startEvent.isInterrupting();
      scope.noneStartEvent = start; // the event sub-process's trigger
      return;
    }
    if (start.eventKind == EventKind.MESSAGE && scope.type() == BpmnElementType.PROCESS) {
      if (start.message.name().isFeel()) {
        throw unsupported(element, "a message start event whose message name is an expression");
      }
      scope.messageStartEvents().add(start);
      return;
    }
    if (start.eventKind == EventKind.TIMER && scope.type() == BpmnElementType.PROCESS) {
      if (start.timer.kind() == TimerDefinition.Kind.DURATION) {
        throw unsupported(element, "a timer start event with a duration (use a date or a cycle)");
      }
      scope.timerStartEvents().add(start);
      return;
    }
    if (start.eventKind != EventKind.NONE) {
      throw unsupported(element, "a " + start.eventKind.name().toLowerCase() + " start event outside an event sub-process");
    }
    if (scope.noneStartEvent != null) {
      throw new UnsupportedModelException("'" + scope.id() + "' has more than one none start event ('"
          + scope.noneStartEvent.id() + "', '" + element.getId() + "')");
    }
    scope.noneStartEvent = start;
  }

  private ExecutableFlowNode createNode(FlowNode element, ExecutableFlowNode scope) {
    String id = element.getId();
    String name = element.getName();
    if (element instanceof StartEvent start) {
      ExecutableFlowNode node = new ExecutableFlowNode(id, name, BpmnElementType.START_EVENT, scope);
      addEventDefinition(start, node, List.of(EventKind.NONE, EventKind.MESSAGE, EventKind.TIMER, EventKind.ERROR));
      return node;
    }
    if (element instanceof EndEvent end) {
      ExecutableFlowNode node = new ExecutableFlowNode(id, name, BpmnElementType.END_EVENT, scope);
      addEventDefinition(end, node, List.of(EventKind.NONE, EventKind.ERROR, EventKind.TERMINATE, EventKind.MESSAGE));
      if (node.eventKind == EventKind.MESSAGE) {
        node.job = requireJob(end);
      }
      return node;
    }
    if (element instanceof BoundaryEvent boundary) {
      ExecutableFlowNode node = new ExecutableFlowNode(id, name, BpmnElementType.BOUNDARY_EVENT, scope);
      addEventDefinition(boundary, node, List.of(EventKind.MESSAGE, EventKind.TIMER, EventKind.ERROR));
      addOutputMappings(boundary, node);
      return node;
    }
    if (element instanceof IntermediateCatchEvent catchEvent) {
      ExecutableFlowNode node = new ExecutableFlowNode(id, name, BpmnElementType.INTERMEDIATE_CATCH_EVENT, scope);
      addEventDefinition(catchEvent, node, List.of(EventKind.MESSAGE, EventKind.TIMER));
      addInputOutputMappings(element, node);
      return node;
    }
    if (element instanceof IntermediateThrowEvent throwEvent) {
      ExecutableFlowNode node = new ExecutableFlowNode(id, name, BpmnElementType.INTERMEDIATE_THROW_EVENT, scope);
      addEventDefinition(throwEvent, node, List.of(EventKind.NONE, EventKind.MESSAGE));
      if (node.eventKind == EventKind.MESSAGE) {
        node.job = requireJob(throwEvent);
      }
      addInputOutputMappings(element, node);
      return node;
    }
    if (element instanceof ExclusiveGateway) {
      return new ExecutableFlowNode(id, name, BpmnElementType.EXCLUSIVE_GATEWAY, scope);
    }
    if (element instanceof ParallelGateway) {
      return new ExecutableFlowNode(id, name, BpmnElementType.PARALLEL_GATEWAY, scope);
    }
    if (element instanceof io.camunda.zeebe.model.bpmn.instance.EventBasedGateway) {
      return new ExecutableFlowNode(id, name, BpmnElementType.EVENT_BASED_GATEWAY, scope);
    }
    if (element instanceof InclusiveGateway) {
      return new ExecutableFlowNode(id, name, BpmnElementType.INCLUSIVE_GATEWAY, scope);
    }
    if (element instanceof ServiceTask) {
      return jobTask(element, scope, BpmnElementType.SERVICE_TASK);
    }
    if (element instanceof SendTask) {
      return jobTask(element, scope, BpmnElementType.SEND_TASK);
    }
    if (element instanceof BusinessRuleTask) {
      return jobTask(element, scope, BpmnElementType.BUSINESS_RULE_TASK);
    }
    if (element instanceof ScriptTask) {
      ZeebeScript script = element.getSingleExtensionElement(ZeebeScript.class);
      if (script == null) {
        return jobTask(element, scope, BpmnElementType.SCRIPT_TASK);
      }
      ExecutableFlowNode node = new ExecutableFlowNode(id, name, BpmnElementType.SCRIPT_TASK, scope);
      Expression expression = parse(element, () -> expressions.parseFeel(script.getExpression()));
      node.script = new ScriptDefinition(expression, script.getResultVariable());
      return node;
    }
    if (element instanceof ReceiveTask receive) {
      ExecutableFlowNode node = new ExecutableFlowNode(id, name, BpmnElementType.RECEIVE_TASK, scope);
      node.eventKind = EventKind.MESSAGE;
      node.message = messageDefinition(element, receive.getMessage(), true);
      return node;
    }
    if (element instanceof ManualTask) {
      return new ExecutableFlowNode(id, name, BpmnElementType.MANUAL_TASK, scope);
    }
    if (element instanceof CallActivity) {
      ExecutableFlowNode node = new ExecutableFlowNode(id, name, BpmnElementType.CALL_ACTIVITY, scope);
      ZeebeCalledElement called = element.getSingleExtensionElement(ZeebeCalledElement.class);
      if (called == null || called.getProcessId() == null) {
        throw new UnsupportedModelException("call activity '" + id + "' has no zeebe:calledElement processId");
      }
      if (called.getBindingType() != null && !"latest".equalsIgnoreCase(called.getBindingType().name())) {
        throw unsupported(element, "the called element binding type '" + called.getBindingType() + "'");
      }
      node.calledElement = new CalledElement(parse(element, () -> expressions.parseAttribute(called.getProcessId())),
          called.isPropagateAllParentVariablesEnabled(), called.isPropagateAllChildVariablesEnabled());
      return node;
    }
    if (element instanceof SubProcess subProcess) {
      if (!subProcess.getClass().getSimpleName().equals("SubProcessImpl")) {
        throw unsupported(element, "a " + element.getElementType().getTypeName());
      }
      return new ExecutableFlowNode(id, name,
          subProcess.triggeredByEvent() ? BpmnElementType.EVENT_SUB_PROCESS : BpmnElementType.SUB_PROCESS, scope);
    }
    if (element instanceof Task && element.getClass().getSimpleName().equals("TaskImpl")) {
      return new ExecutableFlowNode(id, name, BpmnElementType.TASK, scope);
    }
    throw unsupported(element, "a " + element.getElementType().getTypeName());
  }

  private ExecutableFlowNode jobTask(FlowNode element, ExecutableFlowNode scope, BpmnElementType type) {
    ExecutableFlowNode node = new ExecutableFlowNode(element.getId(), element.getName(), type, scope);
    node.job = requireJob(element);
    return node;
  }

  private JobDefinition requireJob(FlowNode element) {
    ZeebeTaskDefinition definition = element.getSingleExtensionElement(ZeebeTaskDefinition.class);
    if (definition == null || definition.getType() == null || definition.getType().isBlank()) {
      throw new UnsupportedModelException("'" + element.getId() + "' (" + element.getElementType().getTypeName()
          + ") has no zeebe:taskDefinition type");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    ZeebeTaskHeaders taskHeaders = element.getSingleExtensionElement(ZeebeTaskHeaders.class);
    if (taskHeaders != null) {
      for (ZeebeHeader header : taskHeaders.getHeaders()) {
        headers.put(header.getKey(), header.getValue());
      }
    }
    String retries = definition.getRetries() == null ? ZeebeTaskDefinition.DEFAULT_RETRIES : definition.getRetries();
    return new JobDefinition(parse(element, () -> expressions.parseAttribute(definition.getType())),
        parse(element, () -> expressions.parseAttribute(retries)), Map.copyOf(headers));
  }

  private void addActivityParts(Activity activity, ExecutableFlowNode node) {
    addInputOutputMappings(activity, node);
    if (activity.getLoopCharacteristics() == null) {
      return;
    }
    if (!(activity.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics loop)) {
      throw unsupported(activity, "standard loop characteristics");
    }
    ZeebeLoopCharacteristics zeebeLoop = loop.getSingleExtensionElement(ZeebeLoopCharacteristics.class);
    if (zeebeLoop == null || zeebeLoop.getInputCollection() == null) {
      throw new UnsupportedModelException("multi-instance '" + activity.getId() + "' has no zeebe:loopCharacteristics inputCollection");
    }
    Expression completion = null;
    if (loop.getCompletionCondition() != null && loop.getCompletionCondition().getTextContent() != null
        && !loop.getCompletionCondition().getTextContent().isBlank()) {
      completion = parse(activity, () -> expressions.parseFeel(loop.getCompletionCondition().getTextContent()));
    }
    Expression outputElement = zeebeLoop.getOutputElement() == null ? null
        : parse(activity, () -> expressions.parseFeel(zeebeLoop.getOutputElement()));
    node.loop = new LoopCharacteristics(loop.isSequential(),
        parse(activity, () -> expressions.parseFeel(zeebeLoop.getInputCollection())),
        emptyToNull(zeebeLoop.getInputElement()), emptyToNull(zeebeLoop.getOutputCollection()), outputElement,
        completion);
  }

  private void addInputOutputMappings(BaseElement element, ExecutableFlowNode node) {
    ZeebeIoMapping mapping = element.getSingleExtensionElement(ZeebeIoMapping.class);
    if (mapping == null) {
      return;
    }
    mapping.getInputs().forEach(input -> node.inputMappings().add(
        new VariableMapping(parse(element, () -> expressions.parseAttribute(input.getSource())), input.getTarget())));
    mapping.getOutputs().forEach(output -> node.outputMappings().add(
        new VariableMapping(parse(element, () -> expressions.parseAttribute(output.getSource())), output.getTarget())));
  }

  private void addOutputMappings(BaseElement element, ExecutableFlowNode node) {
    ZeebeIoMapping mapping = element.getSingleExtensionElement(ZeebeIoMapping.class);
    if (mapping == null) {
      return;
    }
    if (!mapping.getInputs().isEmpty()) {
      throw unsupported(element, "input mappings on a " + element.getElementType().getTypeName());
    }
    mapping.getOutputs().forEach(output -> node.outputMappings().add(
        new VariableMapping(parse(element, () -> expressions.parseAttribute(output.getSource())), output.getTarget())));
  }

  private void addEventDefinition(Event event, ExecutableFlowNode node, List<EventKind> allowed) {
    Collection<EventDefinition> definitions = event instanceof CatchEvent c ? c.getEventDefinitions()
        : ((ThrowEvent) event).getEventDefinitions();
    if (definitions.size() > 1) {
      throw unsupported(event, "several event definitions on one event");
    }
    EventDefinition definition = definitions.isEmpty() ? null : definitions.iterator().next();
    if (definition == null) {
      node.eventKind = EventKind.NONE;
    } else if (definition instanceof MessageEventDefinition message) {
      node.eventKind = EventKind.MESSAGE;
      boolean needsKey = !(event instanceof StartEvent) && event instanceof CatchEvent;
      if (event instanceof CatchEvent) {
        node.message = messageDefinition(event, message.getMessage(), needsKey);
      }
    } else if (definition instanceof TimerEventDefinition timer) {
      node.eventKind = EventKind.TIMER;
      node.timer = timerDefinition(event, timer);
    } else if (definition instanceof ErrorEventDefinition error) {
      node.eventKind = EventKind.ERROR;
      String code = error.getError() == null ? null : error.getError().getErrorCode();
      if (event instanceof ThrowEvent) {
        if (code == null || code.isBlank()) {
          throw new UnsupportedModelException("error end event '" + event.getId() + "' has no error code");
        }
        node.thrownErrorCode = parse(event, () -> expressions.parseAttribute(code));
      } else {
        node.errorCode = code == null || code.isBlank() ? null : code;
      }
    } else if (definition instanceof TerminateEventDefinition) {
      node.eventKind = EventKind.TERMINATE;
    } else {
      throw unsupported(event, "a " + definition.getElementType().getTypeName() + " on a "
          + event.getElementType().getTypeName());
    }
    if (!allowed.contains(node.eventKind)) {
      throw unsupported(event, "a " + node.eventKind.name().toLowerCase() + " " + event.getElementType().getTypeName());
    }
  }

  private MessageDefinition messageDefinition(BaseElement element, io.camunda.zeebe.model.bpmn.instance.Message message,
      boolean needsCorrelationKey) {
    if (message == null || message.getName() == null || message.getName().isBlank()) {
      throw new UnsupportedModelException("'" + element.getId() + "' references no message with a name");
    }
    Expression correlationKey = null;
    ZeebeSubscription subscription = message.getSingleExtensionElement(ZeebeSubscription.class);
    if (subscription != null && subscription.getCorrelationKey() != null) {
      correlationKey = parse(element, () -> expressions.parseFeel(subscription.getCorrelationKey()));
    }
    if (needsCorrelationKey && correlationKey == null) {
      throw new UnsupportedModelException("message '" + message.getName() + "' of '" + element.getId()
          + "' has no zeebe:subscription correlationKey");
    }
    return new MessageDefinition(parse(element, () -> expressions.parseAttribute(message.getName())), correlationKey);
  }

  private TimerDefinition timerDefinition(BaseElement element, TimerEventDefinition timer) {
    if (timer.getTimeDate() != null) {
      return new TimerDefinition(TimerDefinition.Kind.DATE,
          parse(element, () -> expressions.parseAttribute(timer.getTimeDate().getTextContent())));
    }
    if (timer.getTimeDuration() != null) {
      return new TimerDefinition(TimerDefinition.Kind.DURATION,
          parse(element, () -> expressions.parseAttribute(timer.getTimeDuration().getTextContent())));
    }
    if (timer.getTimeCycle() != null) {
      return new TimerDefinition(TimerDefinition.Kind.CYCLE,
          parse(element, () -> expressions.parseAttribute(timer.getTimeCycle().getTextContent())));
    }
    throw new UnsupportedModelException("timer '" + element.getId() + "' has no timeDate, timeDuration or timeCycle");
  }

  private void checkGateway(ExecutableFlowNode node, Process process) {
    switch (node.type()) {
      case EXCLUSIVE_GATEWAY, INCLUSIVE_GATEWAY -> {
        if (node.type() == BpmnElementType.INCLUSIVE_GATEWAY && node.incoming().size() > 1) {
          throw new UnsupportedModelException("inclusive gateway '" + node.id()
              + "' joins several flows; the embedded engine supports inclusive gateways only as a split");
        }
        var gateway = (io.camunda.zeebe.model.bpmn.instance.Gateway) process.getModelInstance().getModelElementById(node.id());
        FlowElement defaultFlow = gateway instanceof ExclusiveGateway x ? x.getDefault()
            : ((InclusiveGateway) gateway).getDefault();
        if (defaultFlow != null) {
          node.defaultFlow = node.outgoing().stream().filter(f -> f.id().equals(defaultFlow.getId())).findFirst().orElse(null);
        }
        if (node.outgoing().size() > 1) {
          for (SequenceFlow flow : node.outgoing()) {
            if (flow != node.defaultFlow && flow.condition() == null) {
              throw new UnsupportedModelException("sequence flow '" + flow.id() + "' out of gateway '" + node.id()
                  + "' has no condition and is not the default flow");
            }
          }
        }
      }
      case EVENT_BASED_GATEWAY -> {
        if (node.outgoing().size() < 2) {
          throw new UnsupportedModelException("event-based gateway '" + node.id() + "' needs at least two outgoing flows");
        }
        for (SequenceFlow flow : node.outgoing()) {
          ExecutableFlowNode target = flow.target();
          boolean catchEvent = target.type() == BpmnElementType.INTERMEDIATE_CATCH_EVENT
              || target.type() == BpmnElementType.RECEIVE_TASK;
          if (!catchEvent || flow.condition() != null || target.incoming().size() > 1) {
            throw new UnsupportedModelException("event-based gateway '" + node.id() + "' may only lead, unconditionally, "
                + "to message or timer catch events or receive tasks that nothing else leads to ('" + target.id() + "')");
          }
        }
      }
      default -> {
        for (SequenceFlow flow : node.outgoing()) {
          if (flow.condition() != null) {
            throw new UnsupportedModelException("sequence flow '" + flow.id() + "' has a condition but does not leave an exclusive or inclusive gateway");
          }
        }
      }
    }
  }

  /** One scope may not hold two catches of the same error code, or two catch-alls. */
  private static void checkErrorCatchesUnique(ExecutableFlowNode node) {
    java.util.Set<String> codes = new java.util.HashSet<>();
    List<ExecutableFlowNode> catches = new ArrayList<>();
    node.boundaryEvents().stream().filter(b -> b.eventKind() == EventKind.ERROR).forEach(catches::add);
    node.eventSubprocesses().stream().map(ExecutableFlowNode::eventSubprocessStart)
        .filter(s -> s.eventKind() == EventKind.ERROR).forEach(catches::add);
    for (ExecutableFlowNode errorCatch : catches) {
      String code = errorCatch.errorCode() == null ? "<catch-all>" : errorCatch.errorCode();
      if (!codes.add(code)) {
        throw new UnsupportedModelException("'" + node.id() + "' has more than one error catch event for "
            + (errorCatch.errorCode() == null ? "all errors" : "error code '" + code + "'") + " ('" + errorCatch.id() + "')");
      }
    }
  }

  private void rejectExecutionListeners(BaseElement element) {
    ZeebeExecutionListeners listeners = element.getSingleExtensionElement(ZeebeExecutionListeners.class);
    if (listeners != null && !listeners.getExecutionListeners().isEmpty()) {
      throw unsupported(element, "execution listeners");
    }
  }

  private static Expression parse(BaseElement element, java.util.function.Supplier<Expression> parser) {
    try {
      return parser.get();
    } catch (InvalidExpressionException e) {
      throw new UnsupportedModelException("'" + element.getId() + "': " + e.getMessage());
    }
  }

  private static UnsupportedModelException unsupported(BaseElement element, String what) {
    return new UnsupportedModelException("element '" + element.getId() + "' uses " + what
        + ", which the embedded engine does not support");
  }

  private static String emptyToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
