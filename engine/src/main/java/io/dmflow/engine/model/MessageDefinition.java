package io.dmflow.engine.model;

import io.dmflow.engine.feel.Expression;

/** A bpmn:message with its zeebe:subscription correlation key (absent on start events). */
public record MessageDefinition(Expression name, Expression correlationKey) {}
