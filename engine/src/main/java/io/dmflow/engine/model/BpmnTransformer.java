package io.dmflow.engine.model;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.ConditionExpression;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListeners;
import io.dmflow.engine.feel.Expression;
import io.dmflow.engine.feel.ExpressionLanguage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Turns a parsed BPMN model into executable processes, and rejects every element or attribute the
 * engine would otherwise silently ignore. It walks the scopes and links them; {@link FlowNodes}
 * builds each node, {@link ProcessChecks} holds the rules that need the linked process, and
 * {@link DeployRejections} lists every rejection.
 */
public final class BpmnTransformer {
    private final ElementExpressions expressions;
    private final FlowNodes nodes;

    public BpmnTransformer(ExpressionLanguage expressions) {
        this.expressions = new ElementExpressions(expressions);
        this.nodes = new FlowNodes(this.expressions, new EventDefinitions(this.expressions));
    }

    public List<ExecutableProcess> transform(BpmnModelInstance model) {
        List<ExecutableProcess> processes = new ArrayList<>();
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (process.isExecutable()) {
                processes.add(transform(process));
            }
        }
        if (processes.isEmpty()) {
            throw DeployRejections.noExecutableProcess();
        }
        return processes;
    }

    private ExecutableProcess transform(Process process) {
        rejectExecutionListeners(process);
        ExecutableFlowNode root =
                new ExecutableFlowNode(process.getId(), process.getName(), BpmnElementType.PROCESS, null);
        ExecutableProcess executable = new ExecutableProcess(process.getId(), root);
        List<BoundaryEvent> boundaries = new ArrayList<>();
        List<io.camunda.zeebe.model.bpmn.instance.SequenceFlow> flows = new ArrayList<>();
        addScope(executable, root, process.getFlowElements(), boundaries, flows);
        for (BoundaryEvent boundary : boundaries) {
            ExecutableFlowNode node = executable.element(boundary.getId());
            ExecutableFlowNode host =
                    executable.element(boundary.getAttachedTo().getId());
            node.attachedTo = host;
            node.interrupting = boundary.cancelActivity();
            ProcessChecks.checkBoundaryEvent(node, boundary);
            host.boundaryEvents().add(node);
        }
        for (io.camunda.zeebe.model.bpmn.instance.SequenceFlow flow : flows) {
            ConditionExpression condition = flow.getConditionExpression();
            Expression parsed = null;
            if (condition != null
                    && condition.getTextContent() != null
                    && !condition.getTextContent().isBlank()) {
                parsed = expressions.feel(flow, condition.getTextContent());
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
            ProcessChecks.checkGateway(node, process);
            ProcessChecks.checkErrorCatchesUnique(node);
        }
        if (root.noneStartEvent == null
                && root.messageStartEvents().isEmpty()
                && root.timerStartEvents().isEmpty()) {
            throw DeployRejections.noStartEvent(process.getId());
        }
        return executable;
    }

    private void addScope(
            ExecutableProcess executable,
            ExecutableFlowNode scope,
            Collection<FlowElement> elements,
            List<BoundaryEvent> boundaries,
            List<io.camunda.zeebe.model.bpmn.instance.SequenceFlow> flows) {
        for (FlowElement element : elements) {
            if (element instanceof io.camunda.zeebe.model.bpmn.instance.SequenceFlow flow) {
                flows.add(flow);
                continue;
            }
            if (!(element instanceof FlowNode flowNode)) {
                continue; // data objects and the like carry no behaviour
            }
            rejectExecutionListeners(flowNode);
            ExecutableFlowNode node = nodes.create(flowNode, scope);
            executable.add(node);
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
                        throw DeployRejections.eventSubprocessWithoutTrigger(flowNode);
                    }
                    scope.eventSubprocesses().add(node);
                } else if (node.noneStartEvent == null) {
                    throw DeployRejections.subProcessWithoutNoneStartEvent(flowNode);
                }
            }
        }
    }

    private void registerStartEvent(ExecutableFlowNode scope, ExecutableFlowNode start, FlowNode element) {
        if (scope.type() == BpmnElementType.EVENT_SUB_PROCESS) {
            if (start.eventKind == EventKind.NONE) {
                throw DeployRejections.noneStartEventInEventSubprocess(element);
            }
            StartEvent startEvent = (StartEvent) element;
            start.interrupting = startEvent.isInterrupting();
            scope.interrupting = startEvent.isInterrupting();
            scope.noneStartEvent = start; // the event sub-process's trigger
            return;
        }
        if (start.eventKind == EventKind.MESSAGE && scope.type() == BpmnElementType.PROCESS) {
            if (start.message.name().isFeel()) {
                throw DeployRejections.messageStartEventWithExpressionName(element);
            }
            scope.messageStartEvents().add(start);
            return;
        }
        if (start.eventKind == EventKind.TIMER && scope.type() == BpmnElementType.PROCESS) {
            if (start.timer.kind() == TimerDefinition.Kind.DURATION) {
                throw DeployRejections.timerStartEventWithDuration(element);
            }
            scope.timerStartEvents().add(start);
            return;
        }
        if (start.eventKind != EventKind.NONE) {
            throw DeployRejections.triggeredStartEventOutsideEventSubprocess(element, start.eventKind);
        }
        if (scope.noneStartEvent != null) {
            throw DeployRejections.severalNoneStartEvents(scope.id(), scope.noneStartEvent.id(), element.getId());
        }
        scope.noneStartEvent = start;
    }

    private static void rejectExecutionListeners(BaseElement element) {
        ZeebeExecutionListeners listeners = element.getSingleExtensionElement(ZeebeExecutionListeners.class);
        if (listeners != null && !listeners.getExecutionListeners().isEmpty()) {
            throw DeployRejections.executionListeners(element);
        }
    }
}
