package io.dmflow.engine.model;

import io.dmflow.engine.feel.Expression;
import java.util.Map;

/** zeebe:taskDefinition plus zeebe:taskHeaders: what a job of this element looks like. */
public record JobDefinition(Expression type, Expression retries, Map<String, String> headers) {}
