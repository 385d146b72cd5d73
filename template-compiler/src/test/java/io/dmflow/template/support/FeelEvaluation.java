package io.dmflow.template.support;

import java.math.BigDecimal;
import java.util.Map;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;

/** Evaluates FEEL the way Zeebe does (feel-engine 1.20), for tests that check what compiled expressions mean. */
public final class FeelEvaluation {

    private static final FeelEngineApi ENGINE = FeelEngineBuilder.forJava().build();

    private FeelEvaluation() {}

    /** The value of an expression; a leading '=' (Zeebe's marker) is dropped. Fails the test on an evaluation failure. */
    public static Object evaluate(String expression, Map<String, Object> variables) {
        String feel = expression.startsWith("=") ? expression.substring(1) : expression;
        EvaluationResult result = ENGINE.evaluateExpression(feel, variables);
        if (result.isFailure()) {
            throw new AssertionError("FEEL failed: " + result.failure().message() + "\n  expression: " + feel);
        }
        return normalize(result.result());
    }

    /** Numbers as BigDecimal without trailing zeros, so 3, 3L and 3.0 compare equal. */
    public static Object normalize(Object value) {
        if (value instanceof Number n && !(value instanceof BigDecimal)) {
            return new BigDecimal(n.toString()).stripTrailingZeros();
        }
        if (value instanceof BigDecimal d) {
            return d.stripTrailingZeros();
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(FeelEvaluation::normalize).toList();
        }
        return value;
    }
}
