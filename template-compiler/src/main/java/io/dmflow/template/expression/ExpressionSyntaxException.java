package io.dmflow.template.expression;

import io.dmflow.template.source.Position;

/** A syntax error inside {@code ${...}}; turned into a diagnostic by the caller, never shown as a trace. */
final class ExpressionSyntaxException extends Exception {

    private final Position position;

    ExpressionSyntaxException(Position position, String message) {
        super(message, null, false, false);
        this.position = position;
    }

    Position position() {
        return position;
    }
}
