package io.dmflow.engine.model;

import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.IntermediateThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.ManualTask;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.ScriptTask;
import io.camunda.zeebe.model.bpmn.instance.SendTask;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.Task;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.dmflow.engine.feel.Expression;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One executable node per BPMN flow node, with what its kind needs: job, script, message, loop, mappings. */
final class FlowNodes {
    private final ElementExpressions expressions;
    private final EventDefinitions events;

    FlowNodes(ElementExpressions expressions, EventDefinitions events) {
        this.expressions = expressions;
        this.events = events;
    }

    ExecutableFlowNode create(FlowNode element, ExecutableFlowNode scope) {
        ExecutableFlowNode node = createNode(element, scope);
        if (element instanceof Activity activity) {
            addActivityParts(activity, node);
        }
        return node;
    }

    private ExecutableFlowNode createNode(FlowNode element, ExecutableFlowNode scope) {
        String id = element.getId();
        String name = element.getName();
        if (element instanceof StartEvent start) {
            ExecutableFlowNode node = new ExecutableFlowNode(id, name, BpmnElementType.START_EVENT, scope);
            events.addEventDefinition(
                    start, node, List.of(EventKind.NONE, EventKind.MESSAGE, EventKind.TIMER, EventKind.ERROR));
            return node;
        }
        if (element instanceof EndEvent end) {
            ExecutableFlowNode node = new ExecutableFlowNode(id, name, BpmnElementType.END_EVENT, scope);
            events.addEventDefinition(
                    end, node, List.of(EventKind.NONE, EventKind.ERROR, EventKind.TERMINATE, EventKind.MESSAGE));
            if (node.eventKind == EventKind.MESSAGE) {
                node.job = requireJob(end);
            }
            return node;
        }
        if (element instanceof BoundaryEvent boundary) {
            ExecutableFlowNode node = new ExecutableFlowNode(id, name, BpmnElementType.BOUNDARY_EVENT, scope);
            events.addEventDefinition(boundary, node, List.of(EventKind.MESSAGE, EventKind.TIMER, EventKind.ERROR));
            addOutputMappings(boundary, node);
            return node;
        }
        if (element instanceof IntermediateCatchEvent catchEvent) {
            ExecutableFlowNode node = new ExecutableFlowNode(id, name, BpmnElementType.INTERMEDIATE_CATCH_EVENT, scope);
            events.addEventDefinition(catchEvent, node, List.of(EventKind.MESSAGE, EventKind.TIMER));
            addInputOutputMappings(element, node);
            return node;
        }
        if (element instanceof IntermediateThrowEvent throwEvent) {
            ExecutableFlowNode node = new ExecutableFlowNode(id, name, BpmnElementType.INTERMEDIATE_THROW_EVENT, scope);
            events.addEventDefinition(throwEvent, node, List.of(EventKind.NONE, EventKind.MESSAGE));
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
        if (element instanceof EventBasedGateway) {
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
            node.script =
                    new ScriptDefinition(expressions.feel(element, script.getExpression()), script.getResultVariable());
            return node;
        }
        if (element instanceof ReceiveTask receive) {
            ExecutableFlowNode node = new ExecutableFlowNode(id, name, BpmnElementType.RECEIVE_TASK, scope);
            node.eventKind = EventKind.MESSAGE;
            node.message = events.messageDefinition(element, receive.getMessage(), true);
            return node;
        }
        if (element instanceof ManualTask) {
            return new ExecutableFlowNode(id, name, BpmnElementType.MANUAL_TASK, scope);
        }
        if (element instanceof CallActivity) {
            ExecutableFlowNode node = new ExecutableFlowNode(id, name, BpmnElementType.CALL_ACTIVITY, scope);
            ZeebeCalledElement called = element.getSingleExtensionElement(ZeebeCalledElement.class);
            if (called == null || called.getProcessId() == null) {
                throw DeployRejections.callActivityWithoutProcessId(element);
            }
            if (called.getBindingType() != null
                    && !"latest".equalsIgnoreCase(called.getBindingType().name())) {
                throw DeployRejections.unsupportedBindingType(element, called.getBindingType());
            }
            node.calledElement = new CalledElement(
                    expressions.attribute(element, called.getProcessId()),
                    called.isPropagateAllParentVariablesEnabled(),
                    called.isPropagateAllChildVariablesEnabled());
            return node;
        }
        if (element instanceof SubProcess subProcess) {
            if (!subProcess.getClass().getSimpleName().equals("SubProcessImpl")) {
                throw DeployRejections.unsupportedElement(element);
            }
            return new ExecutableFlowNode(
                    id,
                    name,
                    subProcess.triggeredByEvent() ? BpmnElementType.EVENT_SUB_PROCESS : BpmnElementType.SUB_PROCESS,
                    scope);
        }
        if (element instanceof Task && element.getClass().getSimpleName().equals("TaskImpl")) {
            return new ExecutableFlowNode(id, name, BpmnElementType.TASK, scope);
        }
        throw DeployRejections.unsupportedElement(element);
    }

    private ExecutableFlowNode jobTask(FlowNode element, ExecutableFlowNode scope, BpmnElementType type) {
        ExecutableFlowNode node = new ExecutableFlowNode(element.getId(), element.getName(), type, scope);
        node.job = requireJob(element);
        return node;
    }

    private JobDefinition requireJob(FlowNode element) {
        ZeebeTaskDefinition definition = element.getSingleExtensionElement(ZeebeTaskDefinition.class);
        if (definition == null
                || definition.getType() == null
                || definition.getType().isBlank()) {
            throw DeployRejections.noTaskDefinitionType(element);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ZeebeTaskHeaders taskHeaders = element.getSingleExtensionElement(ZeebeTaskHeaders.class);
        if (taskHeaders != null) {
            for (ZeebeHeader header : taskHeaders.getHeaders()) {
                headers.put(header.getKey(), header.getValue());
            }
        }
        String retries =
                definition.getRetries() == null ? ZeebeTaskDefinition.DEFAULT_RETRIES : definition.getRetries();
        return new JobDefinition(
                expressions.attribute(element, definition.getType()),
                expressions.attribute(element, retries),
                Map.copyOf(headers));
    }

    private void addActivityParts(Activity activity, ExecutableFlowNode node) {
        addInputOutputMappings(activity, node);
        if (activity.getLoopCharacteristics() == null) {
            return;
        }
        if (!(activity.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics loop)) {
            throw DeployRejections.standardLoop(activity);
        }
        ZeebeLoopCharacteristics zeebeLoop = loop.getSingleExtensionElement(ZeebeLoopCharacteristics.class);
        if (zeebeLoop == null || zeebeLoop.getInputCollection() == null) {
            throw DeployRejections.multiInstanceWithoutInputCollection(activity);
        }
        Expression completion = null;
        if (loop.getCompletionCondition() != null
                && loop.getCompletionCondition().getTextContent() != null
                && !loop.getCompletionCondition().getTextContent().isBlank()) {
            completion =
                    expressions.feel(activity, loop.getCompletionCondition().getTextContent());
        }
        Expression outputElement =
                zeebeLoop.getOutputElement() == null ? null : expressions.feel(activity, zeebeLoop.getOutputElement());
        node.loop = new LoopCharacteristics(
                loop.isSequential(),
                expressions.feel(activity, zeebeLoop.getInputCollection()),
                emptyToNull(zeebeLoop.getInputElement()),
                emptyToNull(zeebeLoop.getOutputCollection()),
                outputElement,
                completion);
    }

    private void addInputOutputMappings(BaseElement element, ExecutableFlowNode node) {
        ZeebeIoMapping mapping = element.getSingleExtensionElement(ZeebeIoMapping.class);
        if (mapping == null) {
            return;
        }
        mapping.getInputs()
                .forEach(input -> node.inputMappings()
                        .add(new VariableMapping(mappingSource(element, input.getSource()), input.getTarget())));
        mapping.getOutputs()
                .forEach(output -> node.outputMappings()
                        .add(new VariableMapping(mappingSource(element, output.getSource()), output.getTarget())));
    }

    private void addOutputMappings(BaseElement element, ExecutableFlowNode node) {
        ZeebeIoMapping mapping = element.getSingleExtensionElement(ZeebeIoMapping.class);
        if (mapping == null) {
            return;
        }
        if (!mapping.getInputs().isEmpty()) {
            throw DeployRejections.inputMappingsOn(element);
        }
        mapping.getOutputs()
                .forEach(output -> node.outputMappings()
                        .add(new VariableMapping(mappingSource(element, output.getSource()), output.getTarget())));
    }

    /** Camunda Modeler leaves the source out when the target is to be null (a local that hides an outer one). */
    private Expression mappingSource(BaseElement element, String source) {
        return source == null || source.isBlank()
                ? Expression.staticValue(null)
                : expressions.attribute(element, source);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
