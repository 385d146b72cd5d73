package io.dmflow.template.expression;

import io.dmflow.template.source.Position;

/** A well-formed expression that means nothing: wrong types, unknown names or methods. */
final class TypeMisuseException extends RuntimeException {

    private final Position position;

    TypeMisuseException(Position position, String message) {
        super(message, null, false, false);
        this.position = position;
    }

    Position position() {
        return position;
    }
}
