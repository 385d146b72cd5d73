package io.dmflow.engine.processing.behavior;

import io.dmflow.engine.instance.ElementInstance;
import io.dmflow.engine.message.MessageStore.Message;
import io.dmflow.engine.model.BpmnElementType;
import io.dmflow.engine.model.EventKind;
import io.dmflow.engine.model.ExecutableFlowNode;
import io.dmflow.engine.state.JsonValues;
import io.dmflow.engine.timer.TimerSchedule;
import io.dmflow.engine.transaction.EngineTransaction;
import java.util.Map;
import java.util.Optional;

/**
 * Message subscriptions and timers that elements own: catch events and receive tasks for
 * themselves, activities for their boundary events, scopes for their event sub-processes.
 */
public final class EventTriggers {
    private final BpmnExecution execution;

    EventTriggers(BpmnExecution execution) {
        this.execution = execution;
    }

    /** Opens the trigger of {@code event} on behalf of {@code owner}; a buffered message may fire it at once. */
    public void open(ElementInstance owner, ExecutableFlowNode event) {
        EngineTransaction tx = execution.tx();
        if (event.eventKind() == EventKind.MESSAGE) {
            Map<String, Object> variables = execution.visibleVariables(owner);
            var expressions = execution.services().expressions();
            String name = expressions.evaluateString(event.message().name(), variables);
            String correlationKey =
                    expressions.evaluateCorrelationKey(event.message().correlationKey(), variables);
            long subscriptionKey = tx.newKey();
            tx.messages().lockCorrelation(owner.tenantId(), name, correlationKey);
            tx.subscriptions()
                    .create(
                            subscriptionKey,
                            owner.key(),
                            event.id(),
                            owner.processInstanceKey(),
                            owner.rootProcessInstanceKey(),
                            owner.processDefinitionKey(),
                            owner.bpmnProcessId(),
                            name,
                            correlationKey,
                            event.interrupting(),
                            owner.tenantId(),
                            tx.now());
            Optional<Message> buffered = tx.messages()
                    .oldestBuffered(owner.tenantId(), name, correlationKey, owner.bpmnProcessId(), tx.now());
            if (buffered.isPresent()
                    && tx.messages().recordCorrelation(buffered.get().key(), owner.bpmnProcessId())) {
                Message message = buffered.get();
                tx.subscriptions().setState(subscriptionKey, "CORRELATING", message.key(), tx.now());
                // after the owner finished activating, like a correlation arriving from outside
                execution.enqueue(() -> correlate(subscriptionKey));
            }
        } else if (event.eventKind() == EventKind.TIMER) {
            String definition = String.valueOf(execution
                    .services()
                    .expressions()
                    .evaluate(event.timer().expression(), execution.visibleVariables(owner)));
            TimerSchedule schedule = TimerSchedule.of(event.timer().kind(), definition, tx.now());
            tx.timers()
                    .create(
                            tx.newKey(),
                            owner.key(),
                            event.id(),
                            owner.processInstanceKey(),
                            owner.rootProcessInstanceKey(),
                            owner.processDefinitionKey(),
                            schedule.dueDate(),
                            schedule.repetitions(),
                            schedule.interval(),
                            owner.tenantId());
        }
    }

    boolean mayOwnTriggers(BpmnElementContext context) {
        ExecutableFlowNode element = context.element();
        return !element.boundaryEvents().isEmpty()
                || !element.eventSubprocesses().isEmpty()
                || element.type() == BpmnElementType.INTERMEDIATE_CATCH_EVENT
                || element.type() == BpmnElementType.RECEIVE_TASK
                || element.type() == BpmnElementType.EVENT_BASED_GATEWAY;
    }

    public void closeAll(ElementInstance owner) {
        EngineTransaction tx = execution.tx();
        tx.subscriptions().deleteFor(owner.key(), tx.now());
        tx.timers().cancelFor(owner.key());
    }

    /** Applies a message a subscription was assigned; gives the message back if the owner moved on. */
    public boolean correlate(long subscriptionKey) {
        EngineTransaction tx = execution.tx();
        var subscription = tx.subscriptions().find(subscriptionKey).orElse(null);
        if (subscription == null || !"CORRELATING".equals(subscription.state())) {
            return false;
        }
        Message message = tx.messages().find(subscription.messageKey()).orElseThrow();
        ElementInstance owner = tx.elementInstances().get(subscription.ownerKey());
        if (!owner.isActive()) {
            tx.subscriptions().setState(subscriptionKey, "DELETED", null, tx.now());
            tx.messages().forgetCorrelation(message.key(), subscription.bpmnProcessId());
            return false;
        }
        Map<String, Object> variables = JsonValues.readObject(message.variables());
        ExecutableFlowNode target = execution.context(owner).process().element(subscription.targetElementId());
        boolean staysOpen = !target.interrupting()
                && target.type() != BpmnElementType.INTERMEDIATE_CATCH_EVENT
                && target.type() != BpmnElementType.RECEIVE_TASK;
        tx.subscriptions().setState(subscriptionKey, staysOpen ? "CREATED" : "CORRELATED", null, tx.now());
        trigger(owner, target, variables);
        return true;
    }

    /** A due timer fires; cycles are rescheduled while repetitions remain. */
    public void fireTimer(long timerKey) {
        EngineTransaction tx = execution.tx();
        var timer = tx.timers().find(timerKey).orElse(null);
        if (timer == null || !"CREATED".equals(timer.state()) || timer.dueDate() > tx.now()) {
            return;
        }
        ElementInstance owner = tx.elementInstances().get(timer.ownerKey());
        if (!owner.isActive()) {
            tx.timers().triggered(timerKey);
            return;
        }
        ExecutableFlowNode target = execution.context(owner).process().element(timer.targetElementId());
        boolean repeats = timer.cycleInterval() != null
                && !target.interrupting()
                && (timer.repetitions() < 0 || timer.repetitions() > 1);
        if (repeats) {
            tx.timers()
                    .reschedule(
                            timerKey,
                            TimerSchedule.next(timer.cycleInterval(), timer.dueDate()),
                            timer.repetitions() < 0 ? -1 : timer.repetitions() - 1);
        } else {
            tx.timers().triggered(timerKey);
        }
        trigger(owner, target, Map.of());
    }

    /** What a fired trigger does depends on where its event sits relative to the owner. */
    void trigger(ElementInstance owner, ExecutableFlowNode target, Map<String, Object> variables) {
        if (owner.type() == BpmnElementType.EVENT_BASED_GATEWAY) {
            // the first event wins: the gateway completes, only the winner's flow is taken
            closeAll(owner);
            execution.complete(owner, Map.of());
            execution
                    .tx()
                    .sequenceFlowTaken(
                            owner.processInstanceKey(), target.incoming().get(0).id());
            execution.activateTriggered(
                    target, execution.tx().elementInstances().get(owner.flowScopeKey()), variables);
            return;
        }
        if (target.id().equals(owner.elementId())
                && owner.type() != BpmnElementType.MULTI_INSTANCE_BODY
                && target.type() != BpmnElementType.BOUNDARY_EVENT) {
            execution.complete(owner, variables);
            return;
        }
        ElementInstance scope;
        if (target.type() == BpmnElementType.BOUNDARY_EVENT) {
            scope = execution.tx().elementInstances().get(owner.flowScopeKey());
            if (target.interrupting()) {
                execution.terminate(owner);
            }
            execution.activateTriggered(target, scope, variables);
            return;
        }
        if (BpmnExecution.isEventSubprocessStart(target)) {
            ExecutableFlowNode eventSubprocess = target.flowScope();
            if (eventSubprocess.interrupting()) {
                for (ElementInstance child : execution.tx().elementInstances().activeChildren(owner.key())) {
                    execution.terminate(child);
                }
                closeAll(owner);
            }
            ElementInstance subprocess = execution.activate(eventSubprocess, owner);
            execution.eventSubprocessTriggered(subprocess, variables);
            return;
        }
        throw new IllegalStateException("cannot trigger " + target + " from " + owner);
    }
}
