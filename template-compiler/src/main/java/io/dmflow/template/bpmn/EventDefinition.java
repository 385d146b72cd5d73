package io.dmflow.template.bpmn;

/** What an event waits for or throws; none for plain start and end events. */
public sealed interface EventDefinition {

    /** Catches (or throws, on an end event) a BPMN error; a null error catches every error. */
    record Error(ProcessErrors.Code error) implements EventDefinition {}

    record Message(String messageId) implements EventDefinition {}

    /** ISO-8601 duration or a FEEL expression starting with '='. */
    record Timer(String duration) implements EventDefinition {}

    record Terminate() implements EventDefinition {}
}
