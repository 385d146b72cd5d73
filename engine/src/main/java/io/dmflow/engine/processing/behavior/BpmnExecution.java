package io.dmflow.engine.processing.behavior;

import io.dmflow.engine.deployment.ProcessDefinition;
import io.dmflow.engine.feel.ExpressionFailure;
import io.dmflow.engine.incident.IncidentStore.RetryStep;
import io.dmflow.engine.instance.ElementInstance;
import io.dmflow.engine.instance.Lifecycle;
import io.dmflow.engine.instance.ProcessInstance;
import io.dmflow.engine.model.BpmnElementType;
import io.dmflow.engine.model.ExecutableFlowNode;
import io.dmflow.engine.model.ExecutableProcess;
import io.dmflow.engine.model.SequenceFlow;
import io.dmflow.engine.transaction.EngineTransaction;
import io.dmflow.engine.variable.VariableState.ScopeOwner;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs BPMN inside one transaction until every token reached a wait state. Steps go through an
 * agenda rather than recursion so that each step reads the state the previous ones left.
 */
public final class BpmnExecution {
    private final EngineTransaction tx;
    private final EngineServices services;
    private final ArrayDeque<Runnable> agenda = new ArrayDeque<>();
    private final Map<Long, Map<String, Object>> triggerVariables = new HashMap<>();
    private final Map<Long, String> startOverrides = new HashMap<>();
    private final Map<BpmnElementType, BpmnElementProcessor> processors;
    private final EventTriggers eventTriggers;
    private final ErrorEvents errorEvents;
    private final VariableMappings variableMappings;

    public BpmnExecution(EngineTransaction tx, EngineServices services) {
        this.tx = tx;
        this.services = services;
        this.processors = services.processors();
        this.eventTriggers = new EventTriggers(this);
        this.errorEvents = new ErrorEvents(this);
        this.variableMappings = new VariableMappings(this);
    }

    public EngineTransaction tx() {
        return tx;
    }

    public EngineServices services() {
        return services;
    }

    public EventTriggers eventTriggers() {
        return eventTriggers;
    }

    public ErrorEvents errorEvents() {
        return errorEvents;
    }

    public VariableMappings variableMappings() {
        return variableMappings;
    }

    // ---------------------------------------------------------------- process instances

    /** Creates a process instance and queues its start; run() executes it. */
    public ElementInstance createProcessInstance(
            ProcessDefinition definition,
            Map<String, Object> variables,
            ElementInstance parentCallActivity,
            String tagsJson,
            String businessId) {
        return createProcessInstance(definition, variables, parentCallActivity, tagsJson, businessId, null, null, null);
    }

    /** Starts at a message or timer start event instead of the none start event, with the trigger's variables. */
    public ElementInstance createProcessInstanceAt(
            ProcessDefinition definition,
            String startEventId,
            Map<String, Object> messageVariables,
            String correlationKey) {
        return createProcessInstance(
                definition, Map.of(), null, "[]", null, startEventId, messageVariables, correlationKey);
    }

    private ElementInstance createProcessInstance(
            ProcessDefinition definition,
            Map<String, Object> variables,
            ElementInstance parentCallActivity,
            String tagsJson,
            String businessId,
            String startEventId,
            Map<String, Object> startVariables,
            String startCorrelationKey) {
        long key = tx.newKey();
        Long parentPi = parentCallActivity == null ? null : parentCallActivity.processInstanceKey();
        Long parentEi = parentCallActivity == null ? null : parentCallActivity.key();
        long root = parentCallActivity == null ? key : parentCallActivity.rootProcessInstanceKey();
        ProcessInstance pi = new ProcessInstance(
                key,
                definition.key(),
                definition.bpmnProcessId(),
                definition.version(),
                parentPi,
                parentEi,
                root,
                definition.tenantId(),
                tagsJson == null ? "[]" : tagsJson);
        tx.processInstances().create(pi, tx.now(), businessId);
        ElementInstance rootInstance = tx.elementInstances()
                .create(key, pi, definition.bpmnProcessId(), BpmnElementType.PROCESS, null, tx.now(), null);
        ScopeOwner owner = owner(rootInstance);
        variables.forEach((name, value) -> tx.variables().setLocal(owner, name, value));
        if (startEventId != null) {
            startOverrides.put(key, startEventId);
            triggerVariables.put(key, startVariables == null ? Map.of() : startVariables);
            if (startCorrelationKey != null && !startCorrelationKey.isEmpty()) {
                tx.processInstances().setStartCorrelationKey(key, startCorrelationKey);
            }
        }
        agenda.add(() -> runActivation(rootInstance));
        return rootInstance;
    }

    /** Drains the agenda. */
    public void run() {
        Runnable step;
        while ((step = agenda.poll()) != null) {
            step.run();
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /** Creates the element instance now (so scopes count it) and queues its activation. */
    public ElementInstance activate(ExecutableFlowNode element, ElementInstance flowScope) {
        BpmnElementType type = element.isMultiInstance() ? BpmnElementType.MULTI_INSTANCE_BODY : element.type();
        return activate(element, flowScope, type, null, Map.of());
    }

    public ElementInstance activate(
            ExecutableFlowNode element,
            ElementInstance flowScope,
            BpmnElementType type,
            Integer multiInstanceIndex,
            Map<String, Object> localVariables) {
        ProcessInstance pi = tx.processInstances().get(flowScope.processInstanceKey());
        ElementInstance instance = tx.elementInstances()
                .create(tx.newKey(), pi, element.id(), type, flowScope, tx.now(), multiInstanceIndex);
        if (!localVariables.isEmpty()) {
            ScopeOwner owner = owner(instance);
            localVariables.forEach((name, value) -> tx.variables().setLocal(owner, name, value));
        }
        agenda.add(() -> runActivation(instance));
        return instance;
    }

    /** Activates an event element that was triggered with variables (boundary, event sub-process start). */
    public ElementInstance activateTriggered(
            ExecutableFlowNode element, ElementInstance flowScope, Map<String, Object> variables) {
        ElementInstance instance = activate(element, flowScope);
        triggerVariables.put(instance.key(), variables == null ? Map.of() : variables);
        return instance;
    }

    public void eventSubprocessTriggered(ElementInstance subprocess, Map<String, Object> variables) {
        triggerVariables.put(subprocess.key(), variables == null ? Map.of() : variables);
    }

    /** The start event a message chose for a new process instance, if it was not the none start event. */
    public String takeStartOverride(long processInstanceKey) {
        return startOverrides.remove(processInstanceKey);
    }

    public boolean wasTriggered(long key) {
        return triggerVariables.containsKey(key);
    }

    public Map<String, Object> takeTriggerVariables(long key) {
        Map<String, Object> vars = triggerVariables.remove(key);
        return vars == null ? Map.of() : vars;
    }

    public void runActivation(ElementInstance instance) {
        if (!instance.isActive()) {
            return;
        }
        BpmnElementContext context = context(instance);
        ExecutableFlowNode element = context.element();
        try {
            if (instance.type() != BpmnElementType.MULTI_INSTANCE_BODY && instance.type() != BpmnElementType.PROCESS) {
                variableMappings.applyInputs(context);
            }
        } catch (ExpressionFailure e) {
            raiseIncident(instance, "IO_MAPPING_ERROR", e.getMessage(), RetryStep.ACTIVATE, null);
            return;
        }
        try {
            boolean hostsBoundaries = !element.boundaryEvents().isEmpty()
                    && (instance.type() == BpmnElementType.MULTI_INSTANCE_BODY || !element.isMultiInstance());
            if (hostsBoundaries) {
                for (ExecutableFlowNode boundary : element.boundaryEvents()) {
                    eventTriggers.open(instance, boundary);
                }
            }
            if (instance.lifecycle() == Lifecycle.ACTIVATING) {
                // a retried activation finds the instance activated already if its processor raised the incident
                tx.elementInstances().setLifecycle(instance, Lifecycle.ACTIVATED, tx.now());
            }
            processor(instance).onActivate(this, context);
        } catch (ExpressionFailure e) {
            raiseIncident(instance, "EXTRACT_VALUE_ERROR", e.getMessage(), RetryStep.ACTIVATE, null);
        }
    }

    /** Completes the element with result variables (job, message, script, called process ...). */
    public void complete(ElementInstance instance, Map<String, Object> result) {
        if (!instance.isActive()) {
            return;
        }
        tx.elementInstances().setLifecycle(instance, Lifecycle.COMPLETING, tx.now());
        BpmnElementContext context = context(instance);
        if (!context.element().outputMappings().isEmpty() && instance.type() != BpmnElementType.MULTI_INSTANCE_BODY) {
            // Results are held locally so that the output mappings (and a retry of them) can read them.
            ScopeOwner owner = owner(instance);
            result.forEach((name, value) -> tx.variables().setLocal(owner, name, value));
            runCompletion(instance);
        } else {
            if (!result.isEmpty() && !instance.type().isContainer()) {
                variableMappings.propagate(instance, instance.scopePath(), result);
            }
            finishCompletion(instance, context);
        }
    }

    public void runCompletion(ElementInstance instance) {
        BpmnElementContext context = context(instance);
        try {
            variableMappings.applyOutputs(context);
        } catch (ExpressionFailure e) {
            raiseIncident(instance, "IO_MAPPING_ERROR", e.getMessage(), RetryStep.COMPLETE, null);
            return;
        }
        finishCompletion(instance, context);
    }

    private void finishCompletion(ElementInstance instance, BpmnElementContext context) {
        if (eventTriggers.mayOwnTriggers(context)) {
            eventTriggers.closeAll(instance);
        }
        try {
            processor(instance).onComplete(this, context);
        } catch (ExpressionFailure e) {
            raiseIncident(instance, "EXTRACT_VALUE_ERROR", e.getMessage(), RetryStep.COMPLETE, null);
            return;
        } catch (NoFlowTakenException e) {
            raiseIncident(instance, "CONDITION_ERROR", e.getMessage(), RetryStep.COMPLETE, null);
            return;
        }
        tx.elementInstances().setLifecycle(instance, Lifecycle.COMPLETED, tx.now());
        if (instance.isProcess()) {
            processInstanceEnded(instance, "COMPLETED");
        }
        childEnded(instance);
    }

    /** Re-runs the step an incident stopped. */
    public void retry(ElementInstance instance, RetryStep step) {
        if (step == RetryStep.ACTIVATE) {
            BpmnElementContext context = context(instance);
            if (eventTriggers.mayOwnTriggers(context)) {
                eventTriggers.closeAll(instance);
            }
            agenda.add(() -> runActivation(instance));
        } else if (step == RetryStep.COMPLETE) {
            agenda.add(() -> runCompletion(instance));
        }
    }

    /**
     * Terminates the element and everything below it, at once. No output mappings run; jobs are
     * canceled, triggers closed, incidents resolved. The caller decides what happens next.
     */
    public void terminate(ElementInstance instance) {
        if (!instance.isActive()) {
            return;
        }
        for (ElementInstance child : tx.elementInstances().activeChildren(instance.key())) {
            terminate(child);
        }
        BpmnElementContext context = context(instance);
        processor(instance).onTerminate(this, context);
        if (eventTriggers.mayOwnTriggers(context)) {
            eventTriggers.closeAll(instance);
        }
        if (instance.type().isContainer() || instance.type() == BpmnElementType.MULTI_INSTANCE_BODY) {
            tx.joinArrivals().discard(instance.key());
        }
        tx.incidents().resolveFor(instance.key());
        tx.elementInstances().setLifecycle(instance, Lifecycle.TERMINATED, tx.now());
        triggerVariables.remove(instance.key());
        if (instance.isProcess()) {
            tx.processInstances().end(instance.key(), "TERMINATED", tx.now());
        }
    }

    /** Terminates an element and lets its scope react, as if it had ended on its own. */
    public void terminateAndNotify(ElementInstance instance) {
        terminate(instance);
        childEnded(instance);
    }

    public void childEnded(ElementInstance child) {
        if (child.flowScopeKey() == null) {
            return;
        }
        agenda.add(() -> {
            ElementInstance scope = tx.elementInstances().get(child.flowScopeKey());
            if (scope.lifecycle() != Lifecycle.ACTIVATED) {
                return;
            }
            processor(scope).onChildEnded(this, context(scope), child);
        });
    }

    /** A container with no active children and no tokens waiting at joins completes. */
    public void completeScopeWhenIdle(ElementInstance scope) {
        if (tx.elementInstances().knownActiveChild(scope.key())) {
            return;
        }
        if (tx.elementInstances().hasUnfinishedChildOrWaitingToken(scope.key())) {
            return;
        }
        complete(scope, Map.of());
    }

    private void processInstanceEnded(ElementInstance root, String state) {
        tx.processInstances().end(root.key(), state, tx.now());
        ProcessInstance pi = tx.processInstances().get(root.key());
        if (pi.parentElementInstanceKey() != null) {
            long callActivityKey = pi.parentElementInstanceKey();
            Map<String, Object> childVariables =
                    new LinkedHashMap<>(tx.variables().local(root.key()));
            agenda.add(() -> {
                ElementInstance callActivity = tx.elementInstances().get(callActivityKey);
                ExecutableFlowNode element = context(callActivity).element();
                // Output mappings read the child's variables even when they are not all propagated (as in Zeebe).
                boolean passed = element.calledElement().propagateAllChildVariables()
                        || !element.outputMappings().isEmpty();
                complete(callActivity, passed ? childVariables : Map.of());
            });
        } else {
            Map<String, Object> variables = new LinkedHashMap<>(tx.variables().local(root.key()));
            tx.afterCommit(() -> services.completionListener().completed(root.key(), variables));
        }
    }

    // ---------------------------------------------------------------- flows

    public void takeAllOutgoing(BpmnElementContext context) {
        if (context.instance().multiInstanceIndex() != null) {
            return; // an inner instance of a multi-instance body: the body leaves, once, when all are done
        }
        for (SequenceFlow flow : context.element().outgoing()) {
            takeFlow(flow, context.instance());
        }
    }

    public void takeFlow(SequenceFlow flow, ElementInstance from) {
        tx.sequenceFlowTaken(from.processInstanceKey(), flow.id());
        ElementInstance scope = tx.elementInstances().get(from.flowScopeKey());
        ExecutableFlowNode target = flow.target();
        if (target.type() == BpmnElementType.PARALLEL_GATEWAY
                && target.incoming().size() > 1) {
            arriveAtJoin(flow, target, scope);
        } else {
            activate(target, scope);
        }
    }

    /** A parallel join fires once every incoming flow has a token; surplus tokens wait for the next firing. */
    private void arriveAtJoin(SequenceFlow flow, ExecutableFlowNode gateway, ElementInstance scope) {
        tx.elementInstances().flush();
        tx.joinArrivals().arrive(tx.newKey(), scope.key(), gateway.id(), flow.id());
        if (tx.joinArrivals().arrivedFlows(scope.key(), gateway.id()).size()
                < gateway.incoming().size()) {
            return;
        }
        tx.joinArrivals()
                .consumeOldest(
                        scope.key(),
                        gateway.id(),
                        gateway.incoming().stream().map(SequenceFlow::id).toList());
        activate(gateway, scope);
    }

    // ---------------------------------------------------------------- incidents

    public void raiseIncident(ElementInstance instance, String errorType, String message, RetryStep step, Long jobKey) {
        long key = tx.newKey();
        tx.incidents()
                .create(
                        key,
                        errorType,
                        message == null || message.isBlank() ? errorType : message,
                        instance.key(),
                        instance.elementId(),
                        instance.processInstanceKey(),
                        instance.rootProcessInstanceKey(),
                        instance.processDefinitionKey(),
                        instance.bpmnProcessId(),
                        jobKey,
                        step,
                        instance.tenantId(),
                        tx.now());
        tx.elementInstances().setIncident(instance, key);
    }

    // ---------------------------------------------------------------- helpers

    public BpmnElementContext context(ElementInstance instance) {
        ExecutableProcess process = services.definitions().executable(tx.sql(), instance.processDefinitionKey());
        ProcessInstance pi = tx.processInstances().get(instance.processInstanceKey());
        return new BpmnElementContext(instance, process.element(instance.elementId()), pi, process);
    }

    public BpmnElementProcessor processor(ElementInstance instance) {
        BpmnElementProcessor processor = processors.get(instance.type());
        if (processor == null) {
            throw new IllegalStateException("no processor for " + instance.type());
        }
        return processor;
    }

    public ScopeOwner owner(ElementInstance scope) {
        return new ScopeOwner(
                scope.key(),
                scope.processInstanceKey(),
                scope.rootProcessInstanceKey(),
                scope.processDefinitionKey(),
                scope.tenantId());
    }

    public Map<String, Object> visibleVariables(ElementInstance instance) {
        return tx.variables().visible(instance.scopePath());
    }

    public void enqueue(Runnable step) {
        agenda.add(step);
    }

    public static boolean isEventSubprocessStart(ExecutableFlowNode element) {
        return element.type() == BpmnElementType.START_EVENT
                && element.flowScope() != null
                && element.flowScope().type() == BpmnElementType.EVENT_SUB_PROCESS;
    }
}
