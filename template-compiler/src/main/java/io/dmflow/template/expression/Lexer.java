package io.dmflow.template.expression;

import io.dmflow.template.source.SourceText;
import java.util.ArrayList;
import java.util.List;

/** Splits the text between {@code ${} and {@code }} into tokens. */
final class Lexer {

    private static final List<String> OPERATORS = List.of(
            "=>", "==", "!=", "<=", ">=", "&&", "||", "<", ">", "+", "-", "*", "/", "%", "!", "?", "(", ")", ",", ".");

    private final SourceText source;
    private final String text;
    private int offset;

    private Lexer(SourceText source) {
        this.source = source;
        this.text = source.text();
    }

    static List<Token> tokenize(SourceText source) throws ExpressionSyntaxException {
        return new Lexer(source).all();
    }

    private List<Token> all() throws ExpressionSyntaxException {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (offset < text.length() && Character.isWhitespace(text.charAt(offset))) {
                offset++;
            }
            if (offset >= text.length()) {
                tokens.add(new Token(Token.Kind.END, "", source.positionOf(offset)));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() throws ExpressionSyntaxException {
        int start = offset;
        char c = text.charAt(offset);
        if (c == '\'' || c == '"') {
            return string(c);
        }
        if (Character.isDigit(c)) {
            return number();
        }
        if (c == '#') {
            offset++;
            String name = identifier();
            if (name.isEmpty()) {
                throw new ExpressionSyntaxException(
                        source.positionOf(start), "'#' must be followed by a variable name");
            }
            return new Token(Token.Kind.VARIABLE, name, source.positionOf(start));
        }
        if (Character.isLetter(c) || c == '_') {
            return new Token(Token.Kind.IDENTIFIER, identifier(), source.positionOf(start));
        }
        if (c == '`') {
            int close = text.indexOf('`', offset + 1);
            if (close < 0) {
                throw new ExpressionSyntaxException(source.positionOf(start), "backquoted name is not closed with `");
            }
            offset = close + 1;
            return new Token(Token.Kind.IDENTIFIER, text.substring(start + 1, close), source.positionOf(start));
        }
        for (String unsupported : List.of("++", "->", "::", "===")) {
            if (text.startsWith(unsupported, offset)) {
                throw new ExpressionSyntaxException(
                        source.positionOf(start),
                        "the operator '" + unsupported + "' is not supported in dmflow expressions");
            }
        }
        for (String op : OPERATORS) {
            if (text.startsWith(op, offset)) {
                offset += op.length();
                return new Token(Token.Kind.OPERATOR, op, source.positionOf(start));
            }
        }
        if (c == '=') {
            throw new ExpressionSyntaxException(
                    source.positionOf(start), "'=' is not an operator here: compare with '=='");
        }
        if (c == '&' || c == '|') {
            throw new ExpressionSyntaxException(
                    source.positionOf(start), "'" + c + "' alone is not an operator: use '" + c + c + "'");
        }
        throw new ExpressionSyntaxException(source.positionOf(start), "unexpected character '" + c + "'");
    }

    private String identifier() {
        int start = offset;
        while (offset < text.length()
                && (Character.isLetterOrDigit(text.charAt(offset)) || text.charAt(offset) == '_')) {
            offset++;
        }
        return text.substring(start, offset);
    }

    private Token number() throws ExpressionSyntaxException {
        int start = offset;
        while (offset < text.length() && Character.isDigit(text.charAt(offset))) {
            offset++;
        }
        Token.Kind kind = Token.Kind.INTEGER;
        if (offset + 1 < text.length() && text.charAt(offset) == '.' && Character.isDigit(text.charAt(offset + 1))) {
            offset++;
            while (offset < text.length() && Character.isDigit(text.charAt(offset))) {
                offset++;
            }
            kind = Token.Kind.DOUBLE;
        }
        String digits = text.substring(start, offset);
        if (kind == Token.Kind.INTEGER
                && offset < text.length()
                && (text.charAt(offset) == 'L' || text.charAt(offset) == 'l')) {
            offset++;
            kind = Token.Kind.LONG;
        }
        if (offset < text.length() && Character.isLetter(text.charAt(offset))) {
            throw new ExpressionSyntaxException(
                    source.positionOf(offset), "unexpected '" + text.charAt(offset) + "' after the number " + digits);
        }
        if (kind == Token.Kind.INTEGER) {
            try {
                Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                kind = Token.Kind.LONG;
            }
        }
        if (kind == Token.Kind.LONG) {
            try {
                Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new ExpressionSyntaxException(source.positionOf(start), "the number " + digits + " is too large");
            }
        }
        return new Token(kind, digits, source.positionOf(start));
    }

    private Token string(char quote) throws ExpressionSyntaxException {
        int start = offset;
        offset++;
        StringBuilder value = new StringBuilder();
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (c == quote) {
                offset++;
                return new Token(Token.Kind.STRING, value.toString(), source.positionOf(start));
            }
            if (c == '\\' && offset + 1 < text.length()) {
                char e = text.charAt(offset + 1);
                switch (e) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case '\\', '\'', '"' -> value.append(e);
                    // regular expressions need \. and \d: other escapes stay as written
                    default -> value.append('\\').append(e);
                }
                offset += 2;
                continue;
            }
            value.append(c);
            offset++;
        }
        throw new ExpressionSyntaxException(source.positionOf(start), "string is not closed with " + quote);
    }
}
