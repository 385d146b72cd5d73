package io.dmflow.engine.model;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.dmflow.engine.feel.Expression;
import io.dmflow.engine.feel.ExpressionLanguage;
import io.dmflow.engine.feel.InvalidExpressionException;
import java.util.function.Supplier;

/** Parses the expressions of one element; an expression that does not parse rejects the deployment. */
final class ElementExpressions {
    private final ExpressionLanguage expressions;

    ElementExpressions(ExpressionLanguage expressions) {
        this.expressions = expressions;
    }

    /** Always FEEL, with or without a leading '=' (conditions, collections, correlation keys). */
    Expression feel(BaseElement element, String text) {
        return parse(element, () -> expressions.parseFeel(text));
    }

    /** An attribute: a static value, or FEEL when it starts with '='. */
    Expression attribute(BaseElement element, String text) {
        return parse(element, () -> expressions.parseAttribute(text));
    }

    private static Expression parse(BaseElement element, Supplier<Expression> parser) {
        try {
            return parser.get();
        } catch (InvalidExpressionException e) {
            throw DeployRejections.invalidExpression(element, e.getMessage());
        }
    }
}
