package io.dmflow.template.expression;

import io.dmflow.template.source.SourceText;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for the Scala-like expression language. Precedence, loosest first:
 * {@code if}/lambda, {@code or ||}, {@code and &&}, {@code == !=}, {@code < <= > >=}, {@code + -},
 * {@code * / %}, prefix {@code ! -}, {@code ?} fallback, member access.
 */
final class ExpressionParser {

    private final List<Token> tokens;
    private int index;

    private ExpressionParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Expr parse(SourceText source) throws ExpressionSyntaxException {
        List<Token> tokens = Lexer.tokenize(source);
        ExpressionParser parser = new ExpressionParser(tokens);
        if (parser.peek().kind() == Token.Kind.END) {
            throw new ExpressionSyntaxException(
                    parser.peek().position(), "empty expression: '${}' needs something inside");
        }
        Expr expr = parser.expression();
        if (parser.peek().kind() != Token.Kind.END) {
            Token t = parser.peek();
            throw new ExpressionSyntaxException(
                    t.position(), "unexpected " + t.describe() + " after a complete expression");
        }
        return expr;
    }

    private Expr expression() throws ExpressionSyntaxException {
        Token t = peek();
        if (t.isWord("if")) {
            return conditional();
        }
        if (t.kind() == Token.Kind.IDENTIFIER && peekAt(1).isOperator("=>")) {
            index += 2;
            return new Expr.Lambda(t.position(), t.text(), expression());
        }
        return or();
    }

    private Expr conditional() throws ExpressionSyntaxException {
        Token ifToken = next();
        expect("(", "after 'if'");
        Expr condition = expression();
        expect(")", "to close the condition of 'if'");
        Expr then = expression();
        if (!peek().isWord("else")) {
            throw new ExpressionSyntaxException(
                    peek().position(), "'if' expression needs an 'else' branch, found " + peek().describe());
        }
        next();
        Expr otherwise = expression();
        return new Expr.Conditional(ifToken.position(), condition, then, otherwise);
    }

    private Expr or() throws ExpressionSyntaxException {
        Expr left = and();
        while (peek().isOperator("||") || peek().isWord("or")) {
            Token op = next();
            left = new Expr.Binary(op.position(), "or", left, and());
        }
        return left;
    }

    private Expr and() throws ExpressionSyntaxException {
        Expr left = equality();
        while (peek().isOperator("&&") || peek().isWord("and")) {
            Token op = next();
            left = new Expr.Binary(op.position(), "and", left, equality());
        }
        return left;
    }

    private Expr equality() throws ExpressionSyntaxException {
        Expr left = comparison();
        while (peek().isOperator("==") || peek().isOperator("!=")) {
            Token op = next();
            left = new Expr.Binary(op.position(), op.text(), left, comparison());
        }
        return left;
    }

    private Expr comparison() throws ExpressionSyntaxException {
        Expr left = additive();
        while (peek().isOperator("<") || peek().isOperator("<=") || peek().isOperator(">") || peek().isOperator(">=")) {
            Token op = next();
            left = new Expr.Binary(op.position(), op.text(), left, additive());
        }
        return left;
    }

    private Expr additive() throws ExpressionSyntaxException {
        Expr left = multiplicative();
        while (peek().isOperator("+") || peek().isOperator("-")) {
            Token op = next();
            left = new Expr.Binary(op.position(), op.text(), left, multiplicative());
        }
        return left;
    }

    private Expr multiplicative() throws ExpressionSyntaxException {
        Expr left = prefix();
        while (peek().isOperator("*") || peek().isOperator("/") || peek().isOperator("%")) {
            Token op = next();
            left = new Expr.Binary(op.position(), op.text(), left, prefix());
        }
        return left;
    }

    private Expr prefix() throws ExpressionSyntaxException {
        if (peek().isOperator("!") || peek().isOperator("-")) {
            Token op = next();
            return new Expr.Unary(op.position(), op.text(), prefix());
        }
        if (peek().isWord("not")) {
            throw new ExpressionSyntaxException(peek().position(), "'not' is not an operator here: negate with '!'");
        }
        return fallback();
    }

    private Expr fallback() throws ExpressionSyntaxException {
        Expr value = postfix();
        while (peek().isOperator("?")) {
            Token op = next();
            // a negative or negated fallback is allowed: #x.toInt ? -1
            Expr fallback = peek().isOperator("-") || peek().isOperator("!") ? prefix() : postfix();
            value = new Expr.Fallback(op.position(), value, fallback);
        }
        return value;
    }

    private Expr postfix() throws ExpressionSyntaxException {
        Expr receiver = primary();
        while (peek().isOperator(".")) {
            next();
            Token member = next();
            if (member.kind() != Token.Kind.IDENTIFIER) {
                throw new ExpressionSyntaxException(
                        member.position(), "expected a method or property name after '.', found " + member.describe());
            }
            List<Expr> arguments = null;
            if (peek().isOperator("(")) {
                next();
                arguments = new ArrayList<>();
                if (!peek().isOperator(")")) {
                    arguments.add(argument());
                    while (peek().isOperator(",")) {
                        next();
                        arguments.add(argument());
                    }
                }
                expect(")", "to close the arguments of '" + member.text() + "'");
            }
            receiver = new Expr.Member(member.position(), receiver, member.text(), arguments);
        }
        return receiver;
    }

    /** An argument that uses {@code _} is a lambda over it, as in Scala's {@code filter(_.startsWith("x"))}. */
    private Expr argument() throws ExpressionSyntaxException {
        Token first = peek();
        Expr expr = expression();
        if (!(expr instanceof Expr.Lambda) && usesPlaceholder(expr)) {
            return new Expr.Lambda(first.position(), "_", expr);
        }
        return expr;
    }

    private static boolean usesPlaceholder(Expr expr) {
        if (expr instanceof Expr.Name n) {
            return n.name().equals("_");
        }
        if (expr instanceof Expr.Member m) {
            return usesPlaceholder(m.receiver())
                    || (m.arguments() != null
                            && m.arguments().stream().anyMatch(a -> !(a instanceof Expr.Lambda) && usesPlaceholder(a)));
        }
        if (expr instanceof Expr.Binary b) {
            return usesPlaceholder(b.left()) || usesPlaceholder(b.right());
        }
        if (expr instanceof Expr.Unary u) {
            return usesPlaceholder(u.operand());
        }
        if (expr instanceof Expr.Conditional c) {
            return usesPlaceholder(c.condition()) || usesPlaceholder(c.then()) || usesPlaceholder(c.otherwise());
        }
        if (expr instanceof Expr.Fallback f) {
            return usesPlaceholder(f.value()) || usesPlaceholder(f.fallback());
        }
        return false;
    }

    private Expr primary() throws ExpressionSyntaxException {
        Token t = next();
        switch (t.kind()) {
            case STRING:
                return new Expr.Literal(t.position(), Type.STRING, t.text());
            case INTEGER:
                return new Expr.Literal(t.position(), Type.INT, Long.parseLong(t.text()));
            case LONG:
                return new Expr.Literal(t.position(), Type.LONG, Long.parseLong(t.text()));
            case DOUBLE:
                return new Expr.Literal(t.position(), Type.DOUBLE, new java.math.BigDecimal(t.text()));
            case VARIABLE:
                return new Expr.Variable(t.position(), t.text());
            case IDENTIFIER:
                return switch (t.text()) {
                    case "true" -> new Expr.Literal(t.position(), Type.BOOLEAN, Boolean.TRUE);
                    case "false" -> new Expr.Literal(t.position(), Type.BOOLEAN, Boolean.FALSE);
                    case "null" -> new Expr.Literal(t.position(), Type.NULL, null);
                    case "and", "or", "else" ->
                        throw new ExpressionSyntaxException(t.position(), "expected a value, found '" + t.text() + "'");
                    default -> {
                        if (peek().isOperator("(")) {
                            throw new ExpressionSyntaxException(
                                    t.position(),
                                    "unknown function '" + t.text()
                                            + "': call methods on values instead, e.g. #x.toInt or device.getProperty('name', '')");
                        }
                        yield new Expr.Name(t.position(), t.text());
                    }
                };
            case OPERATOR:
                if (t.text().equals("(")) {
                    Expr inner = expression();
                    expect(")", "to close '('");
                    return inner;
                }
                throw new ExpressionSyntaxException(t.position(), "expected a value, found " + t.describe());
            default:
                throw new ExpressionSyntaxException(t.position(), "expected a value, found " + t.describe());
        }
    }

    private void expect(String operator, String why) throws ExpressionSyntaxException {
        Token t = peek();
        if (!t.isOperator(operator)) {
            throw new ExpressionSyntaxException(
                    t.position(), "expected '" + operator + "' " + why + ", found " + t.describe());
        }
        next();
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(index);
        if (t.kind() != Token.Kind.END) {
            index++;
        }
        return t;
    }
}
