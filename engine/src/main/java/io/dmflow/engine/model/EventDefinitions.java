package io.dmflow.engine.model;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.dmflow.engine.feel.Expression;
import java.util.Collection;
import java.util.List;

/** What an event waits for or throws: its one event definition, message or timer. */
final class EventDefinitions {
    private final ElementExpressions expressions;

    EventDefinitions(ElementExpressions expressions) {
        this.expressions = expressions;
    }

    void addEventDefinition(Event event, ExecutableFlowNode node, List<EventKind> allowed) {
        Collection<EventDefinition> definitions =
                event instanceof CatchEvent c ? c.getEventDefinitions() : ((ThrowEvent) event).getEventDefinitions();
        if (definitions.size() > 1) {
            throw DeployRejections.severalEventDefinitions(event);
        }
        EventDefinition definition =
                definitions.isEmpty() ? null : definitions.iterator().next();
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
                    throw DeployRejections.errorEndEventWithoutCode(event);
                }
                node.thrownErrorCode = expressions.attribute(event, code);
            } else {
                node.errorCode = code == null || code.isBlank() ? null : code;
            }
        } else if (definition instanceof TerminateEventDefinition) {
            node.eventKind = EventKind.TERMINATE;
        } else {
            throw DeployRejections.unsupportedEventDefinition(event, definition);
        }
        if (!allowed.contains(node.eventKind)) {
            throw DeployRejections.eventKindNotAllowed(event, node.eventKind);
        }
    }

    MessageDefinition messageDefinition(BaseElement element, Message message, boolean needsCorrelationKey) {
        if (message == null || message.getName() == null || message.getName().isBlank()) {
            throw DeployRejections.messageWithoutName(element);
        }
        Expression correlationKey = null;
        ZeebeSubscription subscription = message.getSingleExtensionElement(ZeebeSubscription.class);
        if (subscription != null && subscription.getCorrelationKey() != null) {
            correlationKey = expressions.feel(element, subscription.getCorrelationKey());
        }
        if (needsCorrelationKey && correlationKey == null) {
            throw DeployRejections.messageWithoutCorrelationKey(message.getName(), element);
        }
        return new MessageDefinition(expressions.attribute(element, message.getName()), correlationKey);
    }

    private TimerDefinition timerDefinition(BaseElement element, TimerEventDefinition timer) {
        if (timer.getTimeDate() != null) {
            return new TimerDefinition(
                    TimerDefinition.Kind.DATE,
                    expressions.attribute(element, timer.getTimeDate().getTextContent()));
        }
        if (timer.getTimeDuration() != null) {
            return new TimerDefinition(
                    TimerDefinition.Kind.DURATION,
                    expressions.attribute(element, timer.getTimeDuration().getTextContent()));
        }
        if (timer.getTimeCycle() != null) {
            return new TimerDefinition(
                    TimerDefinition.Kind.CYCLE,
                    expressions.attribute(element, timer.getTimeCycle().getTextContent()));
        }
        throw DeployRejections.timerWithoutSchedule(element);
    }
}
