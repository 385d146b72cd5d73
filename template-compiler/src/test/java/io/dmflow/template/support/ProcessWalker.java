package io.dmflow.template.support;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ScriptTask;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeOutput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A tiny interpreter of compiled processes for tests: one token, one flat variable scope (the task
 * language's), FEEL from feel-engine, jobs answered by handlers. It follows what Zeebe does for the
 * elements the compiler emits, which is enough to check what a template does end to end.
 */
public final class ProcessWalker {

    /** Thrown by a job handler to raise a BPMN error, as a worker would. */
    public static final class BpmnError extends RuntimeException {
        final String code;

        public BpmnError(String code) {
            super(code, null, false, false);
            this.code = code;
        }
    }

    /** A job as a worker sees it: its type and its input variables. */
    public record Job(String type, Map<String, Object> inputs) {}

    private final BpmnModelInstance model;
    private final Map<String, Object> variables = new HashMap<>();
    private final Map<String, BiFunction<Job, Map<String, Object>, Map<String, Object>>> handlers = new HashMap<>();
    private final List<Job> jobs = new ArrayList<>();
    private final List<String> visited = new ArrayList<>();
    private int steps;
    private boolean terminated;

    public ProcessWalker(String xml) {
        this.model = BpmnChecks.read(xml);
    }

    public ProcessWalker variable(String name, Object value) {
        variables.put(name, value);
        return this;
    }

    /** Answers jobs (or called processes, by process id) of a type; the returned map is the job's result. */
    public ProcessWalker handle(String type, BiFunction<Job, Map<String, Object>, Map<String, Object>> handler) {
        handlers.put(type, handler);
        return this;
    }

    public Map<String, Object> variables() {
        return variables;
    }

    public List<Job> jobs() {
        return jobs;
    }

    public List<Job> jobs(String type) {
        return jobs.stream().filter(j -> j.type().equals(type)).toList();
    }

    public List<String> visited() {
        return visited;
    }

    public ProcessWalker run() {
        Process process = model.getModelElementsByType(Process.class).iterator().next();
        runScope(startOf(process.getChildElementsByType(StartEvent.class)));
        return this;
    }

    private static StartEvent startOf(Collection<StartEvent> starts) {
        return starts.stream()
                .filter(s -> s.getEventDefinitions().isEmpty())
                .findFirst()
                .orElseThrow();
    }

    private void runScope(FlowNode start) {
        FlowNode current = start;
        while (current != null && !terminated) {
            if (++steps > 200_000) {
                throw new AssertionError("process does not end");
            }
            visited.add(current.getName() == null ? current.getId() : current.getName());
            current = step(current);
        }
    }

    private FlowNode step(FlowNode node) {
        if (node instanceof ScriptTask) {
            ZeebeScript script = node.getSingleExtensionElement(ZeebeScript.class);
            variables.put(script.getResultVariable(), FeelEvaluation.evaluate(script.getExpression(), variables));
            return next(node);
        }
        if (node instanceof ServiceTask || node instanceof CallActivity) {
            return job(node);
        }
        if (node instanceof ExclusiveGateway gateway) {
            return choose(gateway);
        }
        if (node instanceof EventBasedGateway) {
            // the device comes back: take the message branch
            for (SequenceFlow flow : node.getOutgoing()) {
                if (flow.getTarget() instanceof IntermediateCatchEvent e
                        && e.getEventDefinitions().iterator().next() instanceof MessageEventDefinition) {
                    return flow.getTarget();
                }
            }
            throw new AssertionError("event gateway without a message branch");
        }
        if (node instanceof SubProcess sub) {
            loop(sub);
            return next(node);
        }
        if (node instanceof EndEvent end) {
            if (end.getEventDefinitions().stream().anyMatch(d -> d instanceof TerminateEventDefinition)) {
                terminated = true;
            }
            if (end.getEventDefinitions().stream().anyMatch(d -> d instanceof ErrorEventDefinition)) {
                ErrorEventDefinition e = (ErrorEventDefinition)
                        end.getEventDefinitions().iterator().next();
                throw new BpmnError(e.getError().getErrorCode());
            }
            return null;
        }
        return next(node);
    }

    private FlowNode job(FlowNode node) {
        Map<String, Object> scope = new HashMap<>(variables);
        Map<String, Object> inputs = new LinkedHashMap<>();
        ZeebeIoMapping io = node.getSingleExtensionElement(ZeebeIoMapping.class);
        if (io != null) {
            for (ZeebeInput input : io.getInputs()) {
                Object value = FeelEvaluation.evaluate(input.getSource(), scope);
                scope.put(input.getTarget(), value);
                inputs.put(input.getTarget(), value);
            }
        }
        String type;
        if (node instanceof CallActivity) {
            type = node.getSingleExtensionElement(ZeebeCalledElement.class).getProcessId();
        } else {
            type = node.getSingleExtensionElement(ZeebeTaskDefinition.class).getType();
        }
        Job job = new Job(type, inputs);
        jobs.add(job);
        var handler = handlers.get(type);
        Map<String, Object> result;
        try {
            result = handler == null ? Map.of() : handler.apply(job, variables);
        } catch (BpmnError error) {
            return caught(node, error);
        }
        if (io != null && !io.getOutputs().isEmpty()) {
            Map<String, Object> outputScope = new HashMap<>(scope);
            outputScope.putAll(result);
            for (ZeebeOutput output : io.getOutputs()) {
                assign(output.getTarget(), FeelEvaluation.evaluate(output.getSource(), outputScope));
            }
        } else {
            variables.putAll(result);
        }
        return next(node);
    }

    @SuppressWarnings("unchecked")
    private void assign(String target, Object value) {
        String[] path = target.split("\\.");
        if (path.length == 1) {
            variables.put(target, value);
            return;
        }
        Map<String, Object> parent = new HashMap<>((Map<String, Object>) variables.get(path[0]));
        parent.put(path[1], value);
        variables.put(path[0], parent);
    }

    private FlowNode caught(FlowNode node, BpmnError error) {
        for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
            if (boundary.getAttachedTo() != node) {
                continue;
            }
            ErrorEventDefinition definition = (ErrorEventDefinition)
                    boundary.getEventDefinitions().iterator().next();
            if (definition.getError() == null
                    || definition.getError().getErrorCode().equals(error.code)) {
                return boundary;
            }
        }
        throw error;
    }

    /** Runs the process's error event sub-process for an error nothing else caught. */
    public ProcessWalker runCatchingErrors() {
        try {
            run();
        } catch (BpmnError error) {
            for (SubProcess sub : model.getModelElementsByType(SubProcess.class)) {
                if (!sub.triggeredByEvent()) {
                    continue;
                }
                StartEvent start =
                        sub.getChildElementsByType(StartEvent.class).iterator().next();
                ErrorEventDefinition definition = (ErrorEventDefinition)
                        start.getEventDefinitions().iterator().next();
                if (definition.getError().getErrorCode().equals(error.code)) {
                    runScope(start);
                    return this;
                }
            }
            throw error;
        }
        return this;
    }

    private FlowNode choose(ExclusiveGateway gateway) {
        if (gateway.getOutgoing().size() == 1) {
            return gateway.getOutgoing().iterator().next().getTarget();
        }
        for (SequenceFlow flow : gateway.getOutgoing()) {
            if (flow == gateway.getDefault()) {
                continue;
            }
            Object result =
                    FeelEvaluation.evaluate(flow.getConditionExpression().getTextContent(), variables);
            if (!(result instanceof Boolean)) {
                throw new AssertionError("incident: condition of " + gateway.getName() + " is " + result);
            }
            if ((Boolean) result) {
                return flow.getTarget();
            }
        }
        if (gateway.getDefault() == null) {
            throw new AssertionError("incident: no condition of " + gateway.getName() + " holds");
        }
        return gateway.getDefault().getTarget();
    }

    private void loop(SubProcess sub) {
        ZeebeLoopCharacteristics loop =
                sub.getLoopCharacteristics().getSingleExtensionElement(ZeebeLoopCharacteristics.class);
        Object collection = FeelEvaluation.evaluate(loop.getInputCollection(), variables);
        StartEvent start = startOf(sub.getChildElementsByType(StartEvent.class));
        for (Object element : (List<?>) collection) {
            variables.put(loop.getInputElement(), element);
            runScope(start);
        }
    }

    private static FlowNode next(FlowNode node) {
        if (node.getOutgoing().isEmpty()) {
            return null;
        }
        return node.getOutgoing().iterator().next().getTarget();
    }
}
