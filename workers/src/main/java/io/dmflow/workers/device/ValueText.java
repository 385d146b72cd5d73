package io.dmflow.workers.device;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * The string form of a device value, as template variables hold it: text as is, numbers without an
 * exponent, booleans as {@code true}/{@code false}, opaque data as Base64 and times as ISO-8601 (both
 * already so in the adapter's plain form), several values as {@code {id=value, ...}} sorted by id.
 */
final class ValueText {

    private ValueText() {}

    static String of(Object plain) {
        if (plain == null) {
            return null;
        }
        if (plain instanceof Double || plain instanceof Float) {
            double number = ((Number) plain).doubleValue();
            if (Double.isFinite(number)) {
                String text = BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
                return text.contains(".") ? text : text + ".0";
            }
        }
        if (plain instanceof Map<?, ?> map) {
            Map<String, String> sorted = new TreeMap<>((a, b) ->
                    numeric(a) && numeric(b) ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : a.compareTo(b));
            map.forEach((key, value) -> sorted.put(key.toString(), of(value)));
            return sorted.toString();
        }
        return plain.toString();
    }

    private static boolean numeric(String text) {
        return !text.isEmpty() && text.length() < 18 && text.chars().allMatch(Character::isDigit);
    }
}
