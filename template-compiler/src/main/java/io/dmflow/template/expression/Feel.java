package io.dmflow.template.expression;

/**
 * A FEEL expression (without the leading {@code =}) with what the checker knows of it.
 *
 * @param precedence how tightly the text binds, so that callers add parentheses only where FEEL needs them
 * @param nullable whether it can be null at run time (unset variable, missing map key), which decides how
 *                 string concatenation renders it
 */
public record Feel(String text, Type type, boolean nullable, int precedence) {

    static final int CONDITIONAL = 0;
    static final int OR = 1;
    static final int AND = 2;
    static final int COMPARISON = 3;
    static final int ADDITIVE = 4;
    static final int MULTIPLICATIVE = 5;
    static final int UNARY = 6;
    static final int PRIMARY = 7;

    static Feel primary(String text, Type type, boolean nullable) {
        return new Feel(text, type, nullable, PRIMARY);
    }

    /** The text, parenthesised if it binds looser than {@code needed}. */
    String at(int needed) {
        return precedence < needed ? "(" + text + ")" : text;
    }

    /** A FEEL string literal for a Java string. */
    public static String quote(String value) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    public static Feel stringLiteral(String value) {
        return primary(quote(value), Type.STRING, false);
    }
}
