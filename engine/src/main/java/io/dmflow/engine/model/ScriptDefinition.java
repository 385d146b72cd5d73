package io.dmflow.engine.model;

import io.dmflow.engine.feel.Expression;

public record ScriptDefinition(Expression expression, String resultVariable) {}
