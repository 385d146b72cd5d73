package io.dmflow.engine.model;

import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Gateway;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rules that need the whole process linked: boundary events on their hosts, gateways and their flows. */
final class ProcessChecks {
    private ProcessChecks() {}

    static void checkBoundaryEvent(ExecutableFlowNode node, BoundaryEvent boundary) {
        if (node.eventKind == EventKind.ERROR && !node.interrupting) {
            throw DeployRejections.nonInterruptingErrorBoundaryEvent(boundary);
        }
        if (node.eventKind == EventKind.TIMER && node.interrupting && node.timer.kind() == TimerDefinition.Kind.CYCLE) {
            throw DeployRejections.interruptingTimerCycleBoundaryEvent(boundary);
        }
    }

    /** Also links an exclusive or inclusive gateway's default flow, which the conditions check needs. */
    static void checkGateway(ExecutableFlowNode node, Process process) {
        switch (node.type()) {
            case EXCLUSIVE_GATEWAY, INCLUSIVE_GATEWAY -> {
                if (node.type() == BpmnElementType.INCLUSIVE_GATEWAY
                        && node.incoming().size() > 1) {
                    throw DeployRejections.inclusiveJoin(node.id());
                }
                var gateway = (Gateway) process.getModelInstance().getModelElementById(node.id());
                FlowElement defaultFlow = gateway instanceof ExclusiveGateway x
                        ? x.getDefault()
                        : ((InclusiveGateway) gateway).getDefault();
                if (defaultFlow != null) {
                    node.defaultFlow = node.outgoing().stream()
                            .filter(f -> f.id().equals(defaultFlow.getId()))
                            .findFirst()
                            .orElse(null);
                }
                if (node.outgoing().size() > 1) {
                    for (SequenceFlow flow : node.outgoing()) {
                        if (flow != node.defaultFlow && flow.condition() == null) {
                            throw DeployRejections.flowWithoutCondition(flow.id(), node.id());
                        }
                    }
                }
            }
            case EVENT_BASED_GATEWAY -> {
                if (node.outgoing().size() < 2) {
                    throw DeployRejections.eventBasedGatewayWithOneFlow(node.id());
                }
                for (SequenceFlow flow : node.outgoing()) {
                    ExecutableFlowNode target = flow.target();
                    boolean catchEvent = target.type() == BpmnElementType.INTERMEDIATE_CATCH_EVENT
                            || target.type() == BpmnElementType.RECEIVE_TASK;
                    if (!catchEvent
                            || flow.condition() != null
                            || target.incoming().size() > 1) {
                        throw DeployRejections.eventBasedGatewayTarget(node.id(), target.id());
                    }
                }
            }
            default -> {
                for (SequenceFlow flow : node.outgoing()) {
                    if (flow.condition() != null) {
                        throw DeployRejections.conditionOutsideGateway(flow.id());
                    }
                }
            }
        }
    }

    /** One scope may not hold two catches of the same error code, or two catch-alls. */
    static void checkErrorCatchesUnique(ExecutableFlowNode node) {
        Set<String> codes = new HashSet<>();
        List<ExecutableFlowNode> catches = new ArrayList<>();
        node.boundaryEvents().stream()
                .filter(b -> b.eventKind() == EventKind.ERROR)
                .forEach(catches::add);
        node.eventSubprocesses().stream()
                .map(ExecutableFlowNode::eventSubprocessStart)
                .filter(s -> s.eventKind() == EventKind.ERROR)
                .forEach(catches::add);
        for (ExecutableFlowNode errorCatch : catches) {
            String code = errorCatch.errorCode() == null ? "<catch-all>" : errorCatch.errorCode();
            if (!codes.add(code)) {
                throw DeployRejections.severalErrorCatches(node.id(), errorCatch.errorCode(), errorCatch.id());
            }
        }
    }
}
