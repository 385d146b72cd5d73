package io.dmflow.template.expression;

/** Methods and properties of each type of the language, and the FEEL each one becomes. */
final class MemberTranslator {

    private final ExpressionTranslator expressions;

    MemberTranslator(ExpressionTranslator expressions) {
        this.expressions = expressions;
    }

    Feel translate(Expr.Member m) {
        Feel receiver = expressions.translate(m.receiver());
        Feel result = switch (receiver.type().kind()) {
            case DEVICE -> device(m);
            case TASK -> task(m);
            case DATES -> dates(m);
            case STRING -> string(m, receiver);
            case INT, LONG, DOUBLE -> number(m, receiver);
            case BOOLEAN -> bool(m, receiver);
            case DATE -> date(m, receiver);
            case MAP -> map(m, receiver);
            case LIST, SET -> collection(m, receiver);
            case NULL -> throw new TypeMisuseException(m.position(), "'" + m.member() + "' called on null");
        };
        if (receiver.nullable() && !result.nullable()) {
            // a method called on null gives null
            return new Feel(result.text(), result.type(), true, result.precedence());
        }
        return result;
    }

    private Feel device(Expr.Member m) {
        return switch (m.member()) {
            case "id", "endpoint" -> property(m, StartVariablePaths.DEVICE_ENDPOINT, Type.STRING);
            case "softwareVersion" -> property(m, StartVariablePaths.DEVICE_SOFTWARE_VERSION, Type.STRING);
            case "properties" -> property(m, StartVariablePaths.DEVICE_PROPERTIES, Type.MAP);
            case "groups" -> property(m, StartVariablePaths.DEVICE_GROUPS, Type.STRING_LIST);
            case "getProperty" -> {
                arity(m, 1, 2);
                Feel name = argument(m, 0, Type.STRING);
                String lookup = "get value(" + StartVariablePaths.DEVICE_PROPERTIES + ", " + name.text() + ")";
                if (m.arguments().size() == 1) {
                    yield Feel.primary(lookup, Type.STRING, true);
                }
                Feel fallback = argument(m, 1, Type.STRING);
                yield Feel.primary(
                        "get or else(" + lookup + ", " + fallback.text() + ")", Type.STRING, fallback.nullable());
            }
            default -> unknown(m, "device", "id, softwareVersion, properties, groups, getProperty");
        };
    }

    private Feel task(Expr.Member m) {
        return switch (m.member()) {
            case "id" -> property(m, StartVariablePaths.TASK_ID, Type.STRING);
            case "name" -> property(m, StartVariablePaths.TASK_NAME, Type.STRING);
            case "properties" -> property(m, StartVariablePaths.TASK_PROPERTIES, Type.MAP);
            default -> unknown(m, "task", "id, name, properties");
        };
    }

    private Feel dates(Expr.Member m) {
        return switch (m.member()) {
            case "now" -> {
                arity(m, 0, 0);
                yield Feel.primary("now()", Type.DATE, false);
            }
            case "fromMillis" -> {
                arity(m, 1, 1);
                Feel millis = argument(m, 0, null);
                if (!millis.type().isIntegral()) {
                    throw new TypeMisuseException(
                            Expr.start(m.arguments().get(0)), "date.fromMillis needs a Long, found " + millis.type());
                }
                yield DatePatterns.fromMillis(expressions, millis);
            }
            default -> unknown(m, "date", "now, fromMillis");
        };
    }

    private Feel string(Expr.Member m, Feel s) {
        return switch (m.member()) {
            case "toInt" -> conversion(m, s, Type.INT);
            case "toLong" -> conversion(m, s, Type.LONG);
            case "toDouble" -> conversion(m, s, Type.DOUBLE);
            case "toBoolean" -> {
                arity(m, 0, 0);
                yield expressions.let(
                        s,
                        "text",
                        v -> new Feel(
                                "if lower case(" + v + ") = \"true\" then true else if lower case(" + v
                                        + ") = \"false\" then false else null",
                                Type.BOOLEAN,
                                true,
                                Feel.CONDITIONAL));
            }
            case "toString", "trim", "toUpperCase", "toLowerCase" -> {
                arity(m, 0, 0);
                String f = switch (m.member()) {
                    case "trim" -> "trim(";
                    case "toUpperCase" -> "upper case(";
                    case "toLowerCase" -> "lower case(";
                    default -> null;
                };
                yield f == null ? s : Feel.primary(f + s.text() + ")", Type.STRING, false);
            }
            case "length" -> {
                arity(m, 0, 0);
                yield Feel.primary("string length(" + s.text() + ")", Type.INT, false);
            }
            case "isEmpty", "nonEmpty" -> {
                arity(m, 0, 0);
                String op = m.member().equals("isEmpty") ? " = 0" : " > 0";
                yield new Feel("string length(" + s.text() + ")" + op, Type.BOOLEAN, false, Feel.COMPARISON);
            }
            case "startsWith", "endsWith", "contains" -> {
                arity(m, 1, 1);
                Feel part = argument(m, 0, Type.STRING);
                String f = switch (m.member()) {
                    case "startsWith" -> "starts with(";
                    case "endsWith" -> "ends with(";
                    default -> "contains(";
                };
                yield Feel.primary(f + s.text() + ", " + part.text() + ")", Type.BOOLEAN, false);
            }
            case "stripPrefix", "stripSuffix" -> strip(m, s);
            case "split" -> {
                arity(m, 1, 1);
                Feel separator = argument(m, 0, Type.STRING);
                yield Feel.primary("split(" + s.text() + ", " + separator.text() + ")", Type.STRING_LIST, false);
            }
            case "replaceAll" -> {
                arity(m, 2, 2);
                Feel regex = argument(m, 0, Type.STRING);
                Feel replacement = argument(m, 1, Type.STRING);
                yield Feel.primary(
                        "replace(" + s.text() + ", " + regex.text() + ", " + replacement.text() + ")",
                        Type.STRING,
                        false);
            }
            case "substring" -> substring(m, s);
            case "toDate" -> {
                arity(m, 1, 1);
                String pattern = literalString(m, 0, "the pattern of toDate");
                yield DatePatterns.parse(
                        expressions, s, pattern, m.arguments().get(0).position());
            }
            default ->
                unknown(
                        m,
                        "String",
                        "toInt, toLong, toDouble, toBoolean, toDate, startsWith, endsWith, contains, "
                                + "stripPrefix, stripSuffix, trim, toUpperCase, toLowerCase, length, isEmpty, nonEmpty, split, replaceAll, substring");
        };
    }

    private Feel conversion(Expr.Member m, Feel s, Type target) {
        arity(m, 0, 0);
        // a string that is no number gives null, which '?' turns into its fallback; whole numbers must
        // look whole, as the JVM's toInt/toLong refuse "1.5" and "1e3"
        if (target.equals(Type.DOUBLE)) {
            return Feel.primary("number(" + s.text() + ")", target, false);
        }
        return expressions.let(
                s,
                "text",
                v -> new Feel(
                        "if matches(" + v + ", \"^[+-]?[0-9]+$\") then number(" + v + ") else null",
                        target,
                        false,
                        Feel.CONDITIONAL));
    }

    private Feel strip(Expr.Member m, Feel s) {
        arity(m, 1, 1);
        Feel affix = argument(m, 0, Type.STRING);
        boolean prefix = m.member().equals("stripPrefix");
        Expr argument = m.arguments().get(0);
        String length = argument instanceof Expr.Literal l
                ? String.valueOf(((String) l.value()).length())
                : "string length(" + affix.text() + ")";
        return expressions.let(
                s,
                "text",
                v -> new Feel(
                        prefix
                                ? "if starts with(" + v + ", " + affix.text() + ") then substring(" + v + ", " + length
                                        + " + 1) else " + v
                                : "if ends with(" + v + ", " + affix.text() + ") then substring(" + v
                                        + ", 1, string length(" + v + ") - " + length + ") else " + v,
                        Type.STRING,
                        false,
                        Feel.CONDITIONAL));
    }

    private Feel substring(Expr.Member m, Feel s) {
        arity(m, 1, 2);
        Feel from = argument(m, 0, Type.INT);
        // JVM substring is 0-based and takes an end index; FEEL's is 1-based and takes a length
        String start = from.at(Feel.ADDITIVE) + " + 1";
        if (m.arguments().size() == 1) {
            return Feel.primary("substring(" + s.text() + ", " + start + ")", Type.STRING, false);
        }
        Feel to = argument(m, 1, Type.INT);
        return Feel.primary(
                "substring(" + s.text() + ", " + start + ", " + to.at(Feel.ADDITIVE) + " - "
                        + from.at(Feel.MULTIPLICATIVE) + ")",
                Type.STRING,
                false);
    }

    private Feel number(Expr.Member m, Feel n) {
        return switch (m.member()) {
            case "toString" -> {
                arity(m, 0, 0);
                yield Feel.primary("string(" + n.text() + ")", Type.STRING, false);
            }
            case "toInt", "toLong" -> {
                arity(m, 0, 0);
                Type target = m.member().equals("toInt") ? Type.INT : Type.LONG;
                yield n.type().equals(Type.DOUBLE)
                        ? Feel.primary("round down(" + n.text() + ", 0)", target, false)
                        : new Feel(n.text(), target, n.nullable(), n.precedence());
            }
            case "toDouble" -> {
                arity(m, 0, 0);
                yield new Feel(n.text(), Type.DOUBLE, n.nullable(), n.precedence());
            }
            default -> unknown(m, n.type().toString(), "toString, toInt, toLong, toDouble");
        };
    }

    private Feel bool(Expr.Member m, Feel b) {
        if (m.member().equals("toString")) {
            arity(m, 0, 0);
            return Feel.primary("string(" + b.text() + ")", Type.STRING, false);
        }
        return unknown(m, "Boolean", "toString");
    }

    private Feel date(Expr.Member m, Feel d) {
        return switch (m.member()) {
            case "millis" -> {
                arity(m, 0, 0);
                yield DatePatterns.millis(d);
            }
            case "format" -> {
                arity(m, 0, 1);
                String pattern = m.arguments() == null || m.arguments().isEmpty()
                        ? DatePatterns.DEFAULT_PATTERN
                        : literalString(m, 0, "the pattern of format");
                yield DatePatterns.format(
                        expressions,
                        d,
                        pattern,
                        m.arguments() == null || m.arguments().isEmpty()
                                ? null
                                : m.arguments().get(0).position());
            }
            case "toString" -> {
                arity(m, 0, 0);
                yield DatePatterns.format(expressions, d, DatePatterns.DEFAULT_PATTERN, null);
            }
            default -> unknown(m, "Date", "millis, format, toString");
        };
    }

    private Feel map(Expr.Member m, Feel map) {
        return switch (m.member()) {
            case "get" -> {
                arity(m, 1, 1);
                Feel key = argument(m, 0, Type.STRING);
                yield Feel.primary("get value(" + map.text() + ", " + key.text() + ")", Type.STRING, true);
            }
            case "getOr", "getOrElse" -> {
                arity(m, 2, 2);
                Feel key = argument(m, 0, Type.STRING);
                Feel fallback = argument(m, 1, Type.STRING);
                yield Feel.primary(
                        "get or else(get value(" + map.text() + ", " + key.text() + "), " + fallback.text() + ")",
                        Type.STRING,
                        fallback.nullable());
            }
            case "keySet", "keys" -> {
                arity(m, 0, 0);
                yield Feel.primary(
                        "sort(get entries(" + map.text() + ").key, function(a, b) a < b)", Type.STRING_SET, false);
            }
            case "values" -> {
                arity(m, 0, 0);
                yield new Feel(
                        "for entry_ in " + sortedEntries(map) + " return entry_.value",
                        Type.STRING_LIST,
                        false,
                        Feel.CONDITIONAL);
            }
            case "contains", "containsKey" -> {
                arity(m, 1, 1);
                Feel key = argument(m, 0, Type.STRING);
                yield Feel.primary(
                        "list contains(get entries(" + map.text() + ").key, " + key.text() + ")", Type.BOOLEAN, false);
            }
            case "size" -> {
                arity(m, 0, 0);
                yield Feel.primary("count(get entries(" + map.text() + "))", Type.INT, false);
            }
            case "isEmpty", "nonEmpty" -> {
                arity(m, 0, 0);
                String op = m.member().equals("isEmpty") ? " = 0" : " > 0";
                yield new Feel("count(get entries(" + map.text() + "))" + op, Type.BOOLEAN, false, Feel.COMPARISON);
            }
            default -> unknown(m, "Map", "get, getOr, keySet, values, contains, size, isEmpty, nonEmpty");
        };
    }

    /**
     * The entries of a map ({@code key}, {@code value}) sorted by key. FEEL keeps a context's entries in
     * hash order, so everything that walks a map goes through this: the same map lists the same way on
     * every run. The names end in '_', which template names cannot, so they shadow nothing.
     */
    static String sortedEntries(Feel map) {
        return "sort(get entries(" + map.text() + "), function(a_, b_) a_.key < b_.key)";
    }

    private Feel collection(Expr.Member m, Feel xs) {
        Type element = xs.type().element();
        return switch (m.member()) {
            case "filter" -> {
                arity(m, 1, 1);
                // FEEL filters name the current element 'item'
                Feel predicate = lambda(m, element, "item");
                ExpressionTranslator.requireType(
                        predicate, Type.BOOLEAN, m.arguments().get(0).position(), "the lambda of filter");
                yield Feel.primary(xs.at(Feel.PRIMARY) + "[" + predicate.text() + "]", xs.type(), false);
            }
            case "map" -> {
                arity(m, 1, 1);
                Feel body = lambda(m, element, "item");
                yield new Feel(
                        "for item in " + xs.text() + " return " + body.text(),
                        Type.list(body.type()),
                        false,
                        Feel.CONDITIONAL);
            }
            case "contains" -> {
                arity(m, 1, 1);
                Feel value = argument(m, 0, element);
                yield Feel.primary("list contains(" + xs.text() + ", " + value.text() + ")", Type.BOOLEAN, false);
            }
            case "size" -> {
                arity(m, 0, 0);
                yield Feel.primary("count(" + xs.text() + ")", Type.INT, false);
            }
            case "isEmpty", "nonEmpty" -> {
                arity(m, 0, 0);
                String op = m.member().equals("isEmpty") ? " = 0" : " > 0";
                yield new Feel("count(" + xs.text() + ")" + op, Type.BOOLEAN, false, Feel.COMPARISON);
            }
            case "head" -> {
                arity(m, 0, 0);
                yield Feel.primary(xs.at(Feel.PRIMARY) + "[1]", element, true);
            }
            case "mkString" -> {
                arity(m, 0, 1);
                String separator = m.arguments() == null || m.arguments().isEmpty()
                        ? "\"\""
                        : argument(m, 0, Type.STRING).text();
                String strings = element.equals(Type.STRING)
                        ? xs.text()
                        : "for item in " + xs.text() + " return "
                                + expressions
                                        .stringForm(Feel.primary("item", element, false))
                                        .text();
                yield Feel.primary("string join(" + strings + ", " + separator + ")", Type.STRING, false);
            }
            case "sorted" -> {
                arity(m, 0, 0);
                yield Feel.primary("sort(" + xs.text() + ", function(a, b) a < b)", Type.list(element), false);
            }
            default ->
                unknown(
                        m,
                        xs.type().toString(),
                        "filter, map, contains, size, isEmpty, nonEmpty, head, mkString, sorted");
        };
    }

    private Feel lambda(Expr.Member m, Type element, String feelName) {
        Expr argument = m.arguments().get(0);
        if (!(argument instanceof Expr.Lambda lambda)) {
            throw new TypeMisuseException(
                    argument.position(),
                    m.member() + " needs a lambda such as _.startsWith('x') or k => k.startsWith('x')");
        }
        expressions.pushParameter(new ExpressionTranslator.Parameter(
                lambda.parameter(), feelName, element, expressions.lambdaDepth() + 1));
        try {
            return expressions.translate(lambda.body());
        } finally {
            expressions.popParameter();
        }
    }

    private Feel property(Expr.Member m, String feel, Type type) {
        if (m.arguments() != null && !m.arguments().isEmpty()) {
            throw new TypeMisuseException(m.position(), "'" + m.member() + "' takes no arguments");
        }
        return Feel.primary(feel, type, false);
    }

    private static void arity(Expr.Member m, int min, int max) {
        int n = m.arguments() == null ? 0 : m.arguments().size();
        if (n < min || n > max) {
            String expected = min == max ? String.valueOf(min) : min + " to " + max;
            throw new TypeMisuseException(
                    m.position(),
                    "'" + m.member() + "' takes " + expected + (max == 1 && min == 1 ? " argument" : " arguments")
                            + ", found " + n);
        }
    }

    private Feel argument(Expr.Member m, int index, Type expected) {
        Expr argument = m.arguments().get(index);
        Feel value = expressions.translate(argument);
        if (expected != null
                && !value.type().equals(expected)
                && !value.type().equals(Type.NULL)
                && !(expected.isNumber() && value.type().isIntegral() && expected.isIntegral())) {
            throw new TypeMisuseException(
                    Expr.start(argument),
                    "argument " + (index + 1) + " of '" + m.member() + "' must be " + expected + ", found "
                            + value.type());
        }
        return value;
    }

    private static String literalString(Expr.Member m, int index, String what) {
        Expr argument = m.arguments().get(index);
        if (argument instanceof Expr.Literal l && l.value() instanceof String s) {
            return s;
        }
        throw new TypeMisuseException(
                Expr.start(argument), what + " must be a string literal such as 'yyyy.MM.dd HH:mm:ss'");
    }

    private static Feel unknown(Expr.Member m, String owner, String known) {
        String kind = m.arguments() == null ? "property" : "method";
        throw new TypeMisuseException(
                m.position(), "unknown " + kind + " '" + m.member() + "' on " + owner + " (known: " + known + ")");
    }
}
