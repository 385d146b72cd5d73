package io.dmflow.template.expression;

import io.dmflow.template.source.Position;
import java.util.ArrayList;
import java.util.List;

/**
 * Dates in FEEL. FEEL has no pattern formatting, no lenient parsing and no epoch milliseconds, so each is
 * built from what it has: date-time arithmetic with durations from the epoch. Dates are UTC.
 */
final class DatePatterns {

    static final String DEFAULT_PATTERN = "yyyy.MM.dd HH:mm:ss";
    static final String EPOCH = "date and time(\"1970-01-01T00:00:00Z\")";
    private static final String MILLISECOND = "duration(\"PT0.001S\")";

    private DatePatterns() {}

    static Feel millis(Feel date) {
        return new Feel(
                "(" + date.text() + " - " + EPOCH + ") / " + MILLISECOND,
                Type.LONG,
                date.nullable(),
                Feel.MULTIPLICATIVE);
    }

    /** Whole days plus the rest: one duration of all the milliseconds would overflow. */
    static Feel fromMillis(ExpressionTranslator expressions, Feel millis) {
        return expressions.let(
                millis,
                "millis",
                m -> new Feel(
                        EPOCH + " + duration(\"P1D\") * floor(" + m + " / 86400000) + " + MILLISECOND + " * modulo(" + m
                                + ", 86400000)",
                        Type.DATE,
                        millis.nullable(),
                        Feel.ADDITIVE));
    }

    private record Field(char letter, int width) {}

    /** Pattern letters and literal runs, in order; quoted text ('T') is literal. */
    private static List<Object> pieces(String pattern, Position position, String use) {
        List<Object> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                int close = pattern.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new TypeMisuseException(position, "quote in date pattern '" + pattern + "' is not closed");
                }
                literal.append(close == i + 1 ? "'" : pattern.substring(i + 1, close));
                i = close + 1;
            } else if (Character.isLetter(c)) {
                if ("yMdHmsS".indexOf(c) < 0) {
                    throw new TypeMisuseException(
                            position,
                            "date pattern letter '" + c + "' in '" + pattern + "' is not supported for " + use
                                    + " (supported: y M d H m s S)");
                }
                int j = i;
                while (j < pattern.length() && pattern.charAt(j) == c) {
                    j++;
                }
                if (literal.length() > 0) {
                    pieces.add(literal.toString());
                    literal.setLength(0);
                }
                pieces.add(new Field(c, j - i));
                i = j;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            pieces.add(literal.toString());
        }
        return pieces;
    }

    static Feel format(ExpressionTranslator expressions, Feel date, String pattern, Position position) {
        List<Object> pieces = pieces(pattern, position, "format");
        String utc = expressions.temporary("utc");
        List<String> parts = new ArrayList<>();
        for (Object piece : pieces) {
            if (piece instanceof String text) {
                parts.add(Feel.quote(text));
                continue;
            }
            Field f = (Field) piece;
            String component = switch (f.letter()) {
                case 'y' -> utc + ".year";
                case 'M' -> utc + ".month";
                case 'd' -> utc + ".day";
                case 'H' -> utc + ".hour";
                case 'm' -> utc + ".minute";
                case 's' -> utc + ".second";
                default -> "modulo((" + utc + " - " + EPOCH + ") / " + MILLISECOND + ", 1000)";
            };
            int width = f.letter() == 'y' && f.width() == 2 ? 2 : f.width();
            if (f.letter() == 'y' && f.width() == 2) {
                parts.add("substring(string(" + component + "), -2)");
            } else if (width <= 1) {
                parts.add("string(" + component + ")");
            } else {
                parts.add("substring(\"" + "0".repeat(width - 1) + "\" + string(" + component + "), -" + width + ")");
            }
        }
        String body = parts.isEmpty() ? "\"\"" : String.join(" + ", parts);
        // adding the time since the epoch to the epoch moves any zone to UTC
        return Feel.primary(
                "{" + utc + ": " + EPOCH + " + (" + date.text() + " - " + EPOCH + "), result: " + body + "}.result",
                Type.STRING,
                date.nullable());
    }

    /**
     * Lenient parsing as the JVM's lenient date format does it: every number is taken as it is and
     * out-of-range values roll over ({@code 1971.00.00} is 1970-11-30), by adding each field as a
     * duration to the epoch, months before days.
     */
    static Feel parse(ExpressionTranslator expressions, Feel text, String pattern, Position position) {
        List<Object> pieces = pieces(pattern, position, "toDate");
        List<Field> fields = new ArrayList<>();
        boolean previousWasField = false;
        for (Object piece : pieces) {
            if (piece instanceof Field f) {
                if (previousWasField) {
                    throw new TypeMisuseException(
                            position, "toDate pattern '" + pattern + "' needs a separator between its fields");
                }
                if (f.letter() == 'y' && f.width() == 2) {
                    throw new TypeMisuseException(
                            position, "two-digit years ('yy') are not supported by toDate: use 'yyyy'");
                }
                fields.add(f);
                previousWasField = true;
            } else {
                previousWasField = false;
            }
        }
        if (fields.isEmpty()) {
            throw new TypeMisuseException(position, "toDate pattern '" + pattern + "' has no date fields");
        }
        String numbers = expressions.temporary("fields");
        List<String> terms = new ArrayList<>();
        terms.add(EPOCH);
        // calendar order, whatever the pattern's order: months must roll before days do
        for (char letter : "yMdHmsS".toCharArray()) {
            int i = indexOf(fields, letter);
            if (i < 0) {
                continue;
            }
            String n = numbers + "[" + (i + 1) + "]";
            terms.add(
                    switch (letter) {
                        case 'y' -> "duration(\"P1Y\") * (" + n + " - 1970)";
                        case 'M' -> "duration(\"P1M\") * (" + n + " - 1)";
                        case 'd' -> "duration(\"P1D\") * (" + n + " - 1)";
                        case 'H' -> "duration(\"PT1H\") * " + n;
                        case 'm' -> "duration(\"PT1M\") * " + n;
                        case 's' -> "duration(\"PT1S\") * " + n;
                        default -> MILLISECOND + " * " + n;
                    });
        }
        return Feel.primary(
                "{" + numbers + ": for digits in extract(" + text.text()
                        + ", \"[0-9]+\") return number(digits), result: " + String.join(" + ", terms) + "}.result",
                Type.DATE,
                true);
    }

    private static int indexOf(List<Field> fields, char letter) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).letter() == letter) {
                return i;
            }
        }
        return -1;
    }
}
