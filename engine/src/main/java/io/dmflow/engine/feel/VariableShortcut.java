package io.dmflow.engine.feel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The expressions that make up most mappings ({@code =device.endpoint}, {@code ="SUCCESS"}, {@code =true}) answered
 * without the FEEL interpreter, which builds its table of built-in functions anew on every evaluation. The answers
 * are FEEL's: a missing variable or member is null, and a member of a list is the list of that member of each element.
 */
abstract sealed class VariableShortcut {

    private static final Pattern NAME_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern STRING = Pattern.compile("\"[^\"\\\\]*\"");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
    private static final Set<String> KEYWORDS = Set.of(
            "true",
            "false",
            "null",
            "not",
            "and",
            "or",
            "if",
            "then",
            "else",
            "for",
            "in",
            "return",
            "some",
            "every",
            "satisfies",
            "instance",
            "of",
            "function",
            "between",
            "external");

    /** The shortcut for an expression (without its '='), if it is one of the simple forms. */
    static Optional<VariableShortcut> of(String text) {
        String expression = text.trim();
        if (STRING.matcher(expression).matches()) {
            return Optional.of(new Constant(expression.substring(1, expression.length() - 1)));
        }
        if (WHOLE_NUMBER.matcher(expression).matches()) {
            return Optional.of(new Constant(Long.parseLong(expression)));
        }
        switch (expression) {
            case "true":
                return Optional.of(new Constant(Boolean.TRUE));
            case "false":
                return Optional.of(new Constant(Boolean.FALSE));
            case "null":
                return Optional.of(new Constant(null));
            default:
                break;
        }
        if (!NAME_PATH.matcher(expression).matches()) {
            return Optional.empty();
        }
        String[] names = expression.split("\\.");
        for (String name : names) {
            if (KEYWORDS.contains(name)) {
                return Optional.empty();
            }
        }
        return Optional.of(new Path(names));
    }

    abstract Object evaluate(Map<String, Object> variables);

    static final class Constant extends VariableShortcut {
        private final Object value;

        Constant(Object value) {
            this.value = value;
        }

        @Override
        Object evaluate(Map<String, Object> variables) {
            return value;
        }
    }

    static final class Path extends VariableShortcut {
        private final String[] names;

        Path(String[] names) {
            this.names = names;
        }

        @Override
        Object evaluate(Map<String, Object> variables) {
            Object current = variables.get(names[0]);
            for (int i = 1; i < names.length; i++) {
                current = member(current, names[i]);
            }
            return current;
        }

        private static Object member(Object value, String name) {
            if (value instanceof Map<?, ?> context) {
                return context.get(name);
            }
            if (value instanceof List<?> list) {
                List<Object> members = new ArrayList<>(list.size());
                for (Object element : list) {
                    members.add(member(element, name));
                }
                return members;
            }
            return null;
        }
    }
}
