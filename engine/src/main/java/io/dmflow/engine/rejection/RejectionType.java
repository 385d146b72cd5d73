package io.dmflow.engine.rejection;

/** Why the engine refused a command; the names are the titles the Camunda gateway answers with. */
public enum RejectionType {
    /** The key or id names nothing the engine knows. */
    NOT_FOUND,
    /** The target exists but is not in a state that allows the command. */
    INVALID_STATE,
    /** Something with the same identity exists already. */
    ALREADY_EXISTS,
    /** The command itself is malformed or asks for what the engine does not support. */
    INVALID_ARGUMENT,
    /** The caller's time ran out before the engine had an answer. */
    DEADLINE_EXCEEDED,
    /** The engine is not running here. */
    UNAVAILABLE
}
