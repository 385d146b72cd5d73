package io.dmflow.template.expression;

import io.dmflow.template.source.Position;

/** A lexical token of the expression language with where it starts in the file. */
record Token(Kind kind, String text, Position position) {

    enum Kind {
        INTEGER,
        LONG,
        DOUBLE,
        STRING,
        IDENTIFIER,
        VARIABLE,
        OPERATOR,
        END
    }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isOperator(String t) {
        return is(Kind.OPERATOR, t);
    }

    boolean isWord(String t) {
        return is(Kind.IDENTIFIER, t);
    }

    String describe() {
        return switch (kind) {
            case END -> "the end of the expression";
            case STRING -> "string '" + text + "'";
            case VARIABLE -> "#" + text;
            default -> "'" + text + "'";
        };
    }
}
