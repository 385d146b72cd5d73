package io.dmflow.template.expression;

import io.dmflow.template.source.Position;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Checks the types of an expression tree and writes the FEEL that means the same. Operators and names
 * live here; methods are in {@link MemberTranslator}.
 */
final class ExpressionTranslator {

    /** A lambda parameter in scope: the FEEL name it was given and its element type. */
    record Parameter(String sourceName, String feelName, Type type, int depth) {}

    private final VariableScope variables;
    private final Deque<Parameter> parameters = new ArrayDeque<>();
    private final MemberTranslator members;
    private int temporaries;

    ExpressionTranslator(VariableScope variables) {
        this.variables = variables;
        this.members = new MemberTranslator(this);
    }

    Feel translate(Expr expr) {
        if (expr instanceof Expr.Literal l) {
            return literal(l);
        }
        if (expr instanceof Expr.Variable v) {
            return variable(v);
        }
        if (expr instanceof Expr.Name n) {
            return name(n);
        }
        if (expr instanceof Expr.Member m) {
            return members.translate(m);
        }
        if (expr instanceof Expr.Binary b) {
            return binary(b);
        }
        if (expr instanceof Expr.Unary u) {
            return unary(u);
        }
        if (expr instanceof Expr.Conditional c) {
            return conditional(c);
        }
        if (expr instanceof Expr.Fallback f) {
            return fallback(f);
        }
        throw new TypeMisuseException(expr.position(), "a lambda is only allowed as the argument of filter or map");
    }

    /** A fresh FEEL name for a value that must be computed once and used several times. */
    String temporary(String hint) {
        return hint + (++temporaries) + "_";
    }

    /**
     * Uses a value several times without computing it several times: inline when it is a plain name or
     * path, otherwise bound once in a FEEL context (FEEL has no let, but later context entries see
     * earlier ones).
     */
    Feel let(Feel value, String hint, java.util.function.Function<String, Feel> body) {
        if (value.text().matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
            return body.apply(value.text());
        }
        String name = temporary(hint);
        Feel result = body.apply(name);
        return Feel.primary(
                "{" + name + ": " + value.text() + ", result: " + result.text() + "}.result",
                result.type(),
                result.nullable());
    }

    int lambdaDepth() {
        return parameters.size();
    }

    void pushParameter(Parameter p) {
        parameters.push(p);
    }

    void popParameter() {
        parameters.pop();
    }

    private Feel literal(Expr.Literal l) {
        if (l.type().equals(Type.STRING)) {
            return Feel.stringLiteral((String) l.value());
        }
        if (l.type().equals(Type.NULL)) {
            return Feel.primary("null", Type.NULL, true);
        }
        return Feel.primary(String.valueOf(l.value()), l.type(), false);
    }

    private Feel variable(Expr.Variable v) {
        if (!variables.isDeclared(v.name())) {
            throw new TypeMisuseException(
                    v.position(),
                    "unknown variable #" + v.name()
                            + ": no store, get, readResource or foreach of this template sets it");
        }
        return Feel.primary(v.name(), Type.STRING, true);
    }

    private Feel name(Expr.Name n) {
        for (Parameter p : parameters) {
            if (p.sourceName().equals(n.name())) {
                if (p.depth() != parameters.size()) {
                    throw new TypeMisuseException(
                            n.position(),
                            "'" + n.name()
                                    + "' belongs to an enclosing lambda; nested lambdas may only use their own parameter");
                }
                return Feel.primary(p.feelName(), p.type(), false);
            }
        }
        return switch (n.name()) {
            case "device" -> Feel.primary("device", Type.DEVICE, false);
            case "task" -> Feel.primary("task", Type.TASK, false);
            case "date" -> Feel.primary("date", Type.DATES, false);
            case "_" ->
                throw new TypeMisuseException(
                        n.position(), "'_' is only allowed inside a method argument such as filter(_.startsWith('x'))");
            default ->
                throw new TypeMisuseException(
                        n.position(), "unknown name '" + n.name() + "': expected #variable, device, task or date");
        };
    }

    private Feel unary(Expr.Unary u) {
        Feel operand = translate(u.operand());
        if (u.operator().equals("!")) {
            requireType(operand, Type.BOOLEAN, u.operand().position(), "'!'");
            return Feel.primary("not(" + operand.text() + ")", Type.BOOLEAN, operand.nullable());
        }
        if (!operand.type().isNumber()) {
            throw new TypeMisuseException(u.position(), "'-' needs a number, found " + operand.type());
        }
        return new Feel("-" + operand.at(Feel.UNARY), operand.type(), operand.nullable(), Feel.UNARY);
    }

    private Feel binary(Expr.Binary b) {
        Feel left = translate(b.left());
        Feel right = translate(b.right());
        boolean nullable = left.nullable() || right.nullable();
        switch (b.operator()) {
            case "and", "or" -> {
                requireType(left, Type.BOOLEAN, b.left().position(), "'" + b.operator() + "'");
                requireType(right, Type.BOOLEAN, b.right().position(), "'" + b.operator() + "'");
                int p = b.operator().equals("and") ? Feel.AND : Feel.OR;
                return new Feel(left.at(p) + " " + b.operator() + " " + right.at(p + 1), Type.BOOLEAN, nullable, p);
            }
            case "==", "!=" -> {
                if (!comparable(left.type(), right.type(), true)) {
                    throw new TypeMisuseException(
                            b.position(),
                            "cannot compare " + left.type() + " with " + right.type() + " using '" + b.operator()
                                    + "': convert one side first");
                }
                String op = b.operator().equals("==") ? "=" : "!=";
                return new Feel(
                        left.at(Feel.ADDITIVE) + " " + op + " " + right.at(Feel.ADDITIVE),
                        Type.BOOLEAN,
                        false,
                        Feel.COMPARISON);
            }
            case "<", "<=", ">", ">=" -> {
                if (!comparable(left.type(), right.type(), false)) {
                    throw new TypeMisuseException(
                            b.position(),
                            "cannot order " + left.type() + " and " + right.type() + " with '" + b.operator()
                                    + "': both sides must be numbers, Strings or Dates");
                }
                return new Feel(
                        left.at(Feel.ADDITIVE) + " " + b.operator() + " " + right.at(Feel.ADDITIVE),
                        Type.BOOLEAN,
                        nullable,
                        Feel.COMPARISON);
            }
            case "+" -> {
                if (left.type().equals(Type.STRING) || right.type().equals(Type.STRING)) {
                    return concatenate(left, right);
                }
                return arithmetic(b, left, right);
            }
            default -> {
                return arithmetic(b, left, right);
            }
        }
    }

    private Feel arithmetic(Expr.Binary b, Feel left, Feel right) {
        if (!left.type().isNumber() || !right.type().isNumber()) {
            Type bad = left.type().isNumber() ? right.type() : left.type();
            throw new TypeMisuseException(
                    b.position(),
                    "'" + b.operator() + "' needs numbers, found " + left.type()
                            + " " + b.operator() + " " + right.type()
                            + (bad.equals(Type.STRING) ? ": convert with .toInt or .toLong" : "")
                            + (bad.equals(Type.DATE) ? ": use .millis" : ""));
        }
        Type type = Type.widerNumber(left.type(), right.type());
        boolean nullable = left.nullable() || right.nullable();
        return switch (b.operator()) {
            case "+", "-" ->
                new Feel(
                        left.at(Feel.ADDITIVE) + " " + b.operator() + " " + right.at(Feel.MULTIPLICATIVE),
                        type,
                        nullable,
                        Feel.ADDITIVE);
            case "*" ->
                new Feel(
                        left.at(Feel.MULTIPLICATIVE) + " * " + right.at(Feel.UNARY),
                        type,
                        nullable,
                        Feel.MULTIPLICATIVE);
            case "/" -> {
                String quotient = left.at(Feel.MULTIPLICATIVE) + " / " + right.at(Feel.UNARY);
                // Int and Long division truncates toward zero, as on the JVM
                yield type.isIntegral()
                        ? Feel.primary("round down(" + quotient + ", 0)", type, nullable)
                        : new Feel(quotient, type, nullable, Feel.MULTIPLICATIVE);
            }
            case "%" -> Feel.primary("modulo(" + left.text() + ", " + right.text() + ")", type, nullable);
            default -> throw new TypeMisuseException(b.position(), "unknown operator " + b.operator());
        };
    }

    /** {@code +} with a String side: the other side in its string form, null written as "null" like the JVM does. */
    private Feel concatenate(Feel left, Feel right) {
        return new Feel(
                stringPart(left).at(Feel.ADDITIVE) + " + " + stringPart(right).at(Feel.MULTIPLICATIVE),
                Type.STRING,
                false,
                Feel.ADDITIVE);
    }

    Feel stringPart(Feel part) {
        Feel form = stringForm(part);
        if (part.nullable() && !part.type().equals(Type.NULL)) {
            return Feel.primary("get or else(" + form.text() + ", \"null\")", Type.STRING, false);
        }
        return form;
    }

    /** The string form of a value, as {@code store} saves it and concatenation shows it. */
    Feel stringForm(Feel value) {
        return switch (value.type().kind()) {
            case STRING -> value;
            case NULL -> Feel.stringLiteral("null");
            case DATE -> DatePatterns.format(this, value, DatePatterns.DEFAULT_PATTERN, null);
            // as FEEL's string() writes a context, but sorted by key
            case MAP ->
                new Feel(
                        "\"{\" + string join(for entry_ in " + MemberTranslator.sortedEntries(value)
                                + " return entry_.key + \":\" + (if entry_.value = null then \"null\" else "
                                + Feel.quote("\"")
                                + " + entry_.value + " + Feel.quote("\"") + "), \", \") + \"}\"",
                        Type.STRING,
                        value.nullable(),
                        Feel.ADDITIVE);
            default -> Feel.primary("string(" + value.text() + ")", Type.STRING, value.nullable());
        };
    }

    private static boolean comparable(Type a, Type b, boolean equality) {
        if (equality && (a.equals(Type.NULL) || b.equals(Type.NULL))) {
            return true;
        }
        if (a.isNumber() && b.isNumber()) {
            return true;
        }
        if (!a.kind().equals(b.kind())) {
            return false;
        }
        return equality || a.equals(Type.STRING) || a.equals(Type.DATE);
    }

    private Feel conditional(Expr.Conditional c) {
        Feel condition = translate(c.condition());
        requireType(condition, Type.BOOLEAN, c.condition().position(), "'if'");
        Feel then = translate(c.then());
        Feel otherwise = translate(c.otherwise());
        Type type = unify(then.type(), otherwise.type(), c.position(), "the branches of 'if'");
        return new Feel(
                "if " + condition.text() + " then " + then.text() + " else " + otherwise.text(),
                type,
                then.nullable() || otherwise.nullable(),
                Feel.CONDITIONAL);
    }

    private Feel fallback(Expr.Fallback f) {
        Feel value = translate(f.value());
        Feel fallback = translate(f.fallback());
        Type type = unify(value.type(), fallback.type(), f.position(), "the two sides of '?'");
        return Feel.primary("get or else(" + value.text() + ", " + fallback.text() + ")", type, fallback.nullable());
    }

    static Type unify(Type a, Type b, Position position, String what) {
        if (a.equals(b)) {
            return a;
        }
        if (a.equals(Type.NULL)) {
            return b;
        }
        if (b.equals(Type.NULL)) {
            return a;
        }
        if (a.isNumber() && b.isNumber()) {
            return Type.widerNumber(a, b);
        }
        throw new TypeMisuseException(position, what + " have different types: " + a + " and " + b);
    }

    static void requireType(Feel value, Type expected, Position position, String where) {
        if (!value.type().equals(expected) && !value.type().equals(Type.NULL)) {
            throw new TypeMisuseException(position, where + " needs a " + expected + ", found " + value.type());
        }
    }
}
