package io.dmflow.engine.processing.container;

import io.dmflow.engine.instance.ElementInstance;
import io.dmflow.engine.instance.Lifecycle;
import io.dmflow.engine.model.ExecutableFlowNode;
import io.dmflow.engine.model.LoopCharacteristics;
import io.dmflow.engine.processing.behavior.BpmnElementContext;
import io.dmflow.engine.processing.behavior.BpmnElementProcessor;
import io.dmflow.engine.processing.behavior.BpmnExecution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The multi-instance body: one inner instance per input element (all at once, or one after the
 * other), the output collection filled at each input's index so the order never depends on timing.
 */
public final class MultiInstanceBodyProcessor implements BpmnElementProcessor {
    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*");

    @Override
    public void onActivate(BpmnExecution execution, BpmnElementContext context) {
        ElementInstance body = context.instance();
        LoopCharacteristics loop = context.element().loop();
        List<?> items = evaluateInputCollection(execution, body, loop);
        execution.tx().multiInstanceInputs().keep(body.key(), items);
        if (loop.outputCollection() != null) {
            List<Object> output = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) output.add(null);
            execution.tx().variables().setLocal(execution.owner(body), loop.outputCollection(), output);
        }
        if (items.isEmpty()) {
            completeBody(execution, context);
            return;
        }
        int count = loop.sequential() ? 1 : items.size();
        for (int i = 0; i < count; i++) {
            activateInner(execution, context.element(), body, i + 1, items.get(i));
        }
    }

    private List<?> evaluateInputCollection(BpmnExecution execution, ElementInstance body, LoopCharacteristics loop) {
        return execution
                .services()
                .expressions()
                .evaluateList(loop.inputCollection(), execution.visibleVariables(body));
    }

    /**
     * The collection as it was when the body activated, as Camunda iterates: inner instances may
     * change the variables the expression reads without repeating or skipping elements.
     */
    private List<?> inputCollection(BpmnExecution execution, ElementInstance body, LoopCharacteristics loop) {
        return execution.tx().multiInstanceInputs().find(body.key()).orElseGet(() -> {
            // a body activated before the engine kept collections: take it now, once
            List<?> items = evaluateInputCollection(execution, body, loop);
            execution.tx().multiInstanceInputs().keep(body.key(), items);
            return items;
        });
    }

    @Override
    public void onTerminate(BpmnExecution execution, BpmnElementContext context) {
        execution.tx().multiInstanceInputs().release(context.instance().key());
    }

    private void activateInner(
            BpmnExecution execution, ExecutableFlowNode element, ElementInstance body, int index, Object item) {
        LoopCharacteristics loop = element.loop();
        Map<String, Object> locals = new HashMap<>();
        locals.put("loopCounter", (long) index);
        if (loop.inputElement() != null) {
            locals.put(loop.inputElement(), item);
        }
        // an output element that only names a variable gets a local of that name for the worker to fill
        if (loop.outputElement() != null
                && VARIABLE_REFERENCE
                        .matcher(loop.outputElement().text().trim())
                        .matches()
                && !locals.containsKey(loop.outputElement().text().trim())) {
            locals.put(loop.outputElement().text().trim(), null);
        }
        execution.activate(element, body, element.type(), index, locals);
    }

    @Override
    public void onChildEnded(BpmnExecution execution, BpmnElementContext scope, ElementInstance child) {
        ElementInstance body = scope.instance();
        LoopCharacteristics loop = scope.element().loop();
        if (child.lifecycle() == Lifecycle.COMPLETED
                && loop.outputCollection() != null
                && loop.outputElement() != null) {
            Object value = execution
                    .services()
                    .expressions()
                    .evaluate(loop.outputElement(), execution.visibleVariables(child));
            Object current = execution.tx().variables().local(body.key()).get(loop.outputCollection());
            List<Object> output = current instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
            int index = child.multiInstanceIndex() - 1;
            while (output.size() <= index) output.add(null);
            output.set(index, value);
            execution.tx().variables().setLocal(execution.owner(body), loop.outputCollection(), output);
        }
        List<ElementInstance> active = execution.tx().elementInstances().activeChildren(body.key());
        if (loop.completionCondition() != null && child.lifecycle() == Lifecycle.COMPLETED) {
            int total = inputCollection(execution, body, loop).size();
            long completed = execution.tx().elementInstances().countChildren(body.key(), Lifecycle.COMPLETED);
            long terminated = execution.tx().elementInstances().countChildren(body.key(), Lifecycle.TERMINATED);
            Map<String, Object> variables = new HashMap<>(execution.visibleVariables(child));
            variables.put("numberOfInstances", (long) total);
            variables.put("numberOfActiveInstances", (long) active.size());
            variables.put("numberOfCompletedInstances", completed);
            variables.put("numberOfTerminatedInstances", terminated);
            if (execution.services().expressions().evaluateBoolean(loop.completionCondition(), variables)) {
                active.forEach(execution::terminate);
                completeBody(execution, scope);
                return;
            }
        }
        if (loop.sequential()) {
            List<?> items = inputCollection(execution, body, loop);
            int next = child.multiInstanceIndex() + 1;
            if (active.isEmpty() && next <= items.size()) {
                activateInner(execution, scope.element(), body, next, items.get(next - 1));
                return;
            }
        }
        if (active.isEmpty()) {
            completeBody(execution, scope);
        }
    }

    /** Only the output collection leaves the body, into the scope around it. */
    private void completeBody(BpmnExecution execution, BpmnElementContext context) {
        ElementInstance body = context.instance();
        LoopCharacteristics loop = context.element().loop();
        if (loop.outputCollection() != null) {
            Object output = execution.tx().variables().local(body.key()).get(loop.outputCollection());
            long[] parentPath = Arrays.copyOf(body.scopePath(), body.scopePath().length - 1);
            execution
                    .variableMappings()
                    .propagate(body, parentPath, Map.of(loop.outputCollection(), output == null ? List.of() : output));
        }
        execution.tx().multiInstanceInputs().release(body.key());
        execution.complete(body, Map.of());
    }
}
