package io.dmflow.engine.model;

import io.dmflow.engine.feel.Expression;

/** Multi-instance: bpmn:multiInstanceLoopCharacteristics with zeebe:loopCharacteristics. */
public record LoopCharacteristics(
        boolean sequential,
        Expression inputCollection,
        String inputElement,
        String outputCollection,
        Expression outputElement,
        Expression completionCondition) {}
