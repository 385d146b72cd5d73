package io.dmflow.template.expression;

import io.dmflow.template.source.Position;
import java.util.List;

/** The syntax tree of one {@code ${...}} expression. */
sealed interface Expr {

    /** Where the thing the node is about is: the operator of a binary, the name of a member. */
    Position position();

    /** Where the whole expression starts, for messages about it as a whole. */
    static Position start(Expr expr) {
        if (expr instanceof Binary b) {
            return start(b.left());
        }
        if (expr instanceof Member m) {
            return start(m.receiver());
        }
        if (expr instanceof Fallback f) {
            return start(f.value());
        }
        return expr.position();
    }

    /** {@code 'text'}, {@code 42}, {@code 42L}, {@code 1.5}, {@code true}, {@code null}. */
    record Literal(Position position, Type type, Object value) implements Expr {}

    /** {@code #name}: a task variable. */
    record Variable(Position position, String name) implements Expr {}

    /** A bare name: a context ({@code device}, {@code task}, {@code date}) or a lambda parameter. */
    record Name(Position position, String name) implements Expr {}

    /** {@code receiver.member} or {@code receiver.member(args)}; {@code arguments} is null without parentheses. */
    record Member(Position position, Expr receiver, String member, List<Expr> arguments) implements Expr {}

    record Binary(Position position, String operator, Expr left, Expr right) implements Expr {}

    record Unary(Position position, String operator, Expr operand) implements Expr {}

    /** {@code if (condition) then else otherwise}. */
    record Conditional(Position position, Expr condition, Expr then, Expr otherwise) implements Expr {}

    /** {@code value ? fallback}: the fallback when value is null or fails. */
    record Fallback(Position position, Expr value, Expr fallback) implements Expr {}

    /** {@code x => body} or a body using {@code _}; {@code parameter} is "_" for the placeholder form. */
    record Lambda(Position position, String parameter, Expr body) implements Expr {}
}
