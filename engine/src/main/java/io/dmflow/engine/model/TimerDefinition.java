package io.dmflow.engine.model;

import io.dmflow.engine.feel.Expression;

public record TimerDefinition(Kind kind, Expression expression) {
    public enum Kind {
        DATE,
        DURATION,
        CYCLE
    }
}
