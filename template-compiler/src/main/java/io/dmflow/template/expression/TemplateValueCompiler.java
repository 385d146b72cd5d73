package io.dmflow.template.expression;

import io.dmflow.template.source.Diagnostics;
import io.dmflow.template.source.SourceText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compiles attribute values: literal text with {@code ${expr}} parts. A value that is exactly one
 * {@code ${expr}} keeps that expression's type; anything else is a String.
 */
public final class TemplateValueCompiler {

    private final VariableScope variables;
    private final Diagnostics diagnostics;

    public TemplateValueCompiler(VariableScope variables, Diagnostics diagnostics) {
        this.variables = variables;
        this.diagnostics = diagnostics;
    }

    private record Part(SourceText text, boolean expression) {}

    /** Empty when the value has errors; they are reported. */
    public Optional<TemplateValue> compile(SourceText value) {
        List<Part> parts = split(value);
        if (parts == null) {
            return Optional.empty();
        }
        ExpressionTranslator translator = new ExpressionTranslator(variables);
        List<Feel> compiled = new ArrayList<>();
        boolean plain = true;
        for (Part part : parts) {
            if (!part.expression()) {
                compiled.add(Feel.stringLiteral(part.text().text()));
                continue;
            }
            plain = false;
            try {
                Expr expr = ExpressionParser.parse(part.text());
                compiled.add(translator.translate(expr));
            } catch (ExpressionSyntaxException e) {
                diagnostics.error(e.position(), e.getMessage());
                return Optional.empty();
            } catch (TypeMisuseException e) {
                diagnostics.error(e.position(), e.getMessage());
                return Optional.empty();
            } catch (StackOverflowError e) {
                diagnostics.error(part.text().positionOf(0), "the expression is nested too deeply");
                return Optional.empty();
            }
        }
        if (compiled.isEmpty()) {
            return Optional.of(new TemplateValue(Feel.stringLiteral(""), true, value));
        }
        if (compiled.size() == 1) {
            return Optional.of(new TemplateValue(compiled.get(0), plain, value));
        }
        StringBuilder concatenation = new StringBuilder();
        for (Feel part : compiled) {
            if (concatenation.length() > 0) {
                concatenation.append(" + ");
            }
            concatenation.append(translator.stringPart(part).at(Feel.MULTIPLICATIVE));
        }
        return Optional.of(
                new TemplateValue(new Feel(concatenation.toString(), Type.STRING, false, Feel.ADDITIVE), false, value));
    }

    /** The string form of a compiled value, as {@code store} saves it. */
    public Feel stringForm(TemplateValue value) {
        return new ExpressionTranslator(variables).stringForm(value.feel());
    }

    private List<Part> split(SourceText value) {
        String text = value.text();
        List<Part> parts = new ArrayList<>();
        int literalStart = 0;
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("${", i)) {
                int close = closingBrace(text, i + 2);
                if (close < 0) {
                    diagnostics.error(value.positionOf(i), "'${' is not closed with '}'");
                    return null;
                }
                if (i > literalStart) {
                    parts.add(new Part(value.slice(literalStart, i), false));
                }
                parts.add(new Part(value.slice(i + 2, close), true));
                i = close + 1;
                literalStart = i;
            } else {
                i++;
            }
        }
        if (literalStart < text.length()) {
            parts.add(new Part(value.slice(literalStart, text.length()), false));
        }
        return parts;
    }

    /** The '}' that ends an expression, skipping braces and quotes inside it; -1 when there is none. */
    private static int closingBrace(String text, int from) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }
}
