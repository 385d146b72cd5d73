package io.dmflow.engine.model;

import io.dmflow.engine.feel.Expression;

/** A zeebe:input or zeebe:output: source expression, target variable (possibly a dotted path). */
public record VariableMapping(Expression source, String target) {}
