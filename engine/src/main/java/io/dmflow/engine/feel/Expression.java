package io.dmflow.engine.feel;

import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * A Zeebe attribute value: a FEEL expression when it starts with {@code =}, otherwise a static
 * value. Expressions are parsed once, when the model is deployed.
 */
public final class Expression {
    private final String text;
    private final ParsedExpression parsed;
    private final VariableShortcut shortcut;

    private Expression(String text, ParsedExpression parsed, VariableShortcut shortcut) {
        this.text = text;
        this.parsed = parsed;
        this.shortcut = shortcut;
    }

    public static Expression staticValue(String value) {
        return new Expression(value, null, null);
    }

    static Expression feel(String text, ParsedExpression parsed) {
        return new Expression(text, parsed, VariableShortcut.of(text).orElse(null));
    }

    public boolean isFeel() {
        return parsed != null;
    }
    /** The expression text without the leading '=', or the static value. */
    public String text() {
        return text;
    }

    ParsedExpression parsed() {
        return parsed;
    }
    /** How to answer the expression without the interpreter, or null when only FEEL can. */
    VariableShortcut shortcut() {
        return shortcut;
    }

    @Override
    public String toString() {
        return isFeel() ? "=" + text : text;
    }
}
