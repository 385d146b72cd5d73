package io.dmflow.engine.model;

import io.dmflow.engine.feel.Expression;

public record CalledElement(
        Expression processId, boolean propagateAllParentVariables, boolean propagateAllChildVariables) {}
