package io.dmflow.engine.model;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;

/**
 * Every reason the engine refuses a BPMN resource at deploy time, in the words the deployer reads.
 * The transformer rejects what it would otherwise run wrongly or silently ignore; this file is the
 * list of those rules, so a reader sees in one place what the embedded engine does not accept.
 */
final class DeployRejections {
    private DeployRejections() {}

    // ---------------------------------------------------------------- processes and scopes

    static UnsupportedModelException noExecutableProcess() {
        return new UnsupportedModelException("the resource contains no executable process (isExecutable=\"true\")");
    }

    static UnsupportedModelException noStartEvent(String processId) {
        return new UnsupportedModelException("process '" + processId + "' has no none, message or timer start event");
    }

    static UnsupportedModelException subProcessWithoutNoneStartEvent(BaseElement subProcess) {
        return new UnsupportedModelException(
                "sub-process '" + subProcess.getId() + "' must have exactly one none start event");
    }

    static UnsupportedModelException eventSubprocessWithoutTrigger(BaseElement subProcess) {
        return unsupported(subProcess, "an event sub-process without a message, timer or error start event");
    }

    static UnsupportedModelException severalNoneStartEvents(String scopeId, String firstId, String secondId) {
        return new UnsupportedModelException(
                "'" + scopeId + "' has more than one none start event ('" + firstId + "', '" + secondId + "')");
    }

    static UnsupportedModelException executionListeners(BaseElement element) {
        return unsupported(element, "execution listeners");
    }

    static UnsupportedModelException unsupportedElement(BaseElement element) {
        return unsupported(element, "a " + element.getElementType().getTypeName());
    }

    // ---------------------------------------------------------------- start events

    static UnsupportedModelException noneStartEventInEventSubprocess(BaseElement start) {
        return unsupported(start, "a none start event in an event sub-process");
    }

    static UnsupportedModelException messageStartEventWithExpressionName(BaseElement start) {
        return unsupported(start, "a message start event whose message name is an expression");
    }

    static UnsupportedModelException timerStartEventWithDuration(BaseElement start) {
        return unsupported(start, "a timer start event with a duration (use a date or a cycle)");
    }

    static UnsupportedModelException triggeredStartEventOutsideEventSubprocess(BaseElement start, EventKind kind) {
        return unsupported(start, "a " + kind.name().toLowerCase() + " start event outside an event sub-process");
    }

    // ---------------------------------------------------------------- events

    static UnsupportedModelException severalEventDefinitions(BaseElement event) {
        return unsupported(event, "several event definitions on one event");
    }

    static UnsupportedModelException unsupportedEventDefinition(BaseElement event, BaseElement definition) {
        return unsupported(
                event,
                "a " + definition.getElementType().getTypeName() + " on a "
                        + event.getElementType().getTypeName());
    }

    static UnsupportedModelException eventKindNotAllowed(BaseElement event, EventKind kind) {
        return unsupported(
                event,
                "a " + kind.name().toLowerCase() + " " + event.getElementType().getTypeName());
    }

    static UnsupportedModelException nonInterruptingErrorBoundaryEvent(BaseElement boundary) {
        return unsupported(boundary, "a non-interrupting error boundary event");
    }

    static UnsupportedModelException interruptingTimerCycleBoundaryEvent(BaseElement boundary) {
        return unsupported(boundary, "an interrupting timer boundary event with a time cycle");
    }

    static UnsupportedModelException errorEndEventWithoutCode(BaseElement event) {
        return new UnsupportedModelException("error end event '" + event.getId() + "' has no error code");
    }

    static UnsupportedModelException severalErrorCatches(String scopeId, String errorCode, String catchId) {
        return new UnsupportedModelException("'" + scopeId + "' has more than one error catch event for "
                + (errorCode == null ? "all errors" : "error code '" + errorCode + "'") + " ('" + catchId + "')");
    }

    static UnsupportedModelException messageWithoutName(BaseElement element) {
        return new UnsupportedModelException("'" + element.getId() + "' references no message with a name");
    }

    static UnsupportedModelException messageWithoutCorrelationKey(String messageName, BaseElement element) {
        return new UnsupportedModelException(
                "message '" + messageName + "' of '" + element.getId() + "' has no zeebe:subscription correlationKey");
    }

    static UnsupportedModelException timerWithoutSchedule(BaseElement element) {
        return new UnsupportedModelException(
                "timer '" + element.getId() + "' has no timeDate, timeDuration or timeCycle");
    }

    // ---------------------------------------------------------------- activities

    static UnsupportedModelException noTaskDefinitionType(BaseElement element) {
        return new UnsupportedModelException("'" + element.getId() + "' ("
                + element.getElementType().getTypeName() + ") has no zeebe:taskDefinition type");
    }

    static UnsupportedModelException callActivityWithoutProcessId(BaseElement callActivity) {
        return new UnsupportedModelException(
                "call activity '" + callActivity.getId() + "' has no zeebe:calledElement processId");
    }

    static UnsupportedModelException unsupportedBindingType(BaseElement callActivity, Object bindingType) {
        return unsupported(callActivity, "the called element binding type '" + bindingType + "'");
    }

    static UnsupportedModelException standardLoop(BaseElement activity) {
        return unsupported(activity, "standard loop characteristics");
    }

    static UnsupportedModelException multiInstanceWithoutInputCollection(BaseElement activity) {
        return new UnsupportedModelException(
                "multi-instance '" + activity.getId() + "' has no zeebe:loopCharacteristics inputCollection");
    }

    static UnsupportedModelException inputMappingsOn(BaseElement element) {
        return unsupported(
                element, "input mappings on a " + element.getElementType().getTypeName());
    }

    // ---------------------------------------------------------------- gateways and flows

    static UnsupportedModelException inclusiveJoin(String gatewayId) {
        return new UnsupportedModelException("inclusive gateway '" + gatewayId
                + "' joins several flows; the embedded engine supports inclusive gateways only as a split");
    }

    static UnsupportedModelException flowWithoutCondition(String flowId, String gatewayId) {
        return new UnsupportedModelException("sequence flow '" + flowId + "' out of gateway '" + gatewayId
                + "' has no condition and is not the default flow");
    }

    static UnsupportedModelException eventBasedGatewayWithOneFlow(String gatewayId) {
        return new UnsupportedModelException(
                "event-based gateway '" + gatewayId + "' needs at least two outgoing flows");
    }

    static UnsupportedModelException eventBasedGatewayTarget(String gatewayId, String targetId) {
        return new UnsupportedModelException("event-based gateway '" + gatewayId + "' may only lead, unconditionally, "
                + "to message or timer catch events or receive tasks that nothing else leads to ('" + targetId + "')");
    }

    static UnsupportedModelException conditionOutsideGateway(String flowId) {
        return new UnsupportedModelException(
                "sequence flow '" + flowId + "' has a condition but does not leave an exclusive or inclusive gateway");
    }

    // ---------------------------------------------------------------- expressions

    static UnsupportedModelException invalidExpression(BaseElement element, String problem) {
        return new UnsupportedModelException("'" + element.getId() + "': " + problem);
    }

    private static UnsupportedModelException unsupported(BaseElement element, String what) {
        return new UnsupportedModelException(
                "element '" + element.getId() + "' uses " + what + ", which the embedded engine does not support");
    }
}
