package io.dmflow.engine.feel;

import io.dmflow.engine.clock.EngineClock;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.feel.FeelEngineClock;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;

/**
 * FEEL as Zeebe uses it: '=' marks an expression, results come back as JSON-like Java values
 * (Map, List, String, Long/Double, Boolean, null); temporal values as ISO strings when stored.
 */
public final class ExpressionLanguage {
    private final FeelEngineApi feel;

    public ExpressionLanguage(EngineClock clock) {
        FeelEngineClock feelClock = new FeelEngineClock() {
            @Override
            public ZonedDateTime getCurrentTime() {
                return clock.zonedNow();
            }
        };
        this.feel = FeelEngineBuilder.forJava().withClock(feelClock).build();
    }

    /** Parses an attribute that may be static or '='-prefixed. */
    public Expression parseAttribute(String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.trim();
        if (trimmed.startsWith("=")) {
            return parseFeel(trimmed.substring(1));
        }
        return Expression.staticValue(raw);
    }

    /** Parses an attribute that must be an expression; the '=' is optional. */
    public Expression parseFeel(String raw) {
        String text = raw.trim().startsWith("=") ? raw.trim().substring(1) : raw.trim();
        ParseResult result = feel.parseExpression(text);
        if (!result.isSuccess()) {
            throw new InvalidExpressionException("failed to parse expression '" + text + "': "
                    + result.failure().message());
        }
        return Expression.feel(text, result.parsedExpression());
    }

    public Object evaluate(Expression expression, Map<String, Object> variables) {
        if (!expression.isFeel()) {
            return expression.text();
        }
        if (expression.shortcut() != null) {
            return toJsonValue(expression.shortcut().evaluate(variables));
        }
        EvaluationResult result = feel.evaluate(expression.parsed(), variables);
        if (!result.isSuccess()) {
            throw new ExpressionFailure("failed to evaluate expression '" + expression.text() + "': "
                    + result.failure().message());
        }
        return toJsonValue(result.result());
    }

    public boolean evaluateBoolean(Expression expression, Map<String, Object> variables) {
        Object value = evaluate(expression, variables);
        if (value instanceof Boolean b) {
            return b;
        }
        throw wrongType(expression, "BOOLEAN", value);
    }

    public String evaluateString(Expression expression, Map<String, Object> variables) {
        Object value = evaluate(expression, variables);
        if (value instanceof String s) {
            return s;
        }
        throw wrongType(expression, "STRING", value);
    }

    /** Correlation keys may be strings or numbers; a number becomes its decimal text. */
    public String evaluateCorrelationKey(Expression expression, Map<String, Object> variables) {
        Object value = evaluate(expression, variables);
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        throw new ExpressionFailure("Failed to extract the correlation key for '" + expression.text()
                + "': The value must be either a string or a number, but was '" + typeName(value) + "'.");
    }

    public long evaluateLong(Expression expression, Map<String, Object> variables) {
        Object value = expression.isFeel() ? evaluate(expression, variables) : parseStaticNumber(expression);
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw wrongType(expression, "NUMBER", value);
    }

    public List<?> evaluateList(Expression expression, Map<String, Object> variables) {
        Object value = evaluate(expression, variables);
        if (value instanceof List<?> list) {
            return list;
        }
        throw wrongType(expression, "ARRAY", value);
    }

    private static Object parseStaticNumber(Expression expression) {
        try {
            return Long.parseLong(expression.text().trim());
        } catch (NumberFormatException e) {
            throw new ExpressionFailure("Expected '" + expression.text() + "' to be a number");
        }
    }

    private static ExpressionFailure wrongType(Expression expression, String expected, Object value) {
        return new ExpressionFailure("Expected result of the expression '" + expression.text() + "' to be '" + expected
                + "', but was '" + typeName(value) + "'.");
    }

    static String typeName(Object value) {
        if (value == null) return "NULL";
        if (value instanceof Boolean) return "BOOLEAN";
        if (value instanceof Number) return "NUMBER";
        if (value instanceof String) return "STRING";
        if (value instanceof List) return "ARRAY";
        if (value instanceof Map) return "OBJECT";
        return value.getClass().getSimpleName().toUpperCase();
    }

    /** Maps a FEEL result (possibly Scala-flavoured or temporal) to a JSON-compatible Java value. */
    @SuppressWarnings("unchecked")
    static Object toJsonValue(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof BigDecimal d) {
            return normalize(d);
        }
        if (value instanceof BigInteger i) {
            return normalize(new BigDecimal(i));
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            return normalize(BigDecimal.valueOf(((Number) value).doubleValue()));
        }
        if (value instanceof scala.math.BigDecimal d) {
            return normalize(d.bigDecimal());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), toJsonValue(v)));
            return out;
        }
        if (value instanceof scala.collection.Map<?, ?> map) {
            return toJsonValue(
                    scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Map<Object, Object>) map));
        }
        if (value instanceof Iterable<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(toJsonValue(v)));
            return out;
        }
        if (value instanceof scala.collection.Iterable<?> list) {
            return toJsonValue(scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Iterable<Object>) list));
        }
        if (value instanceof TemporalAccessor
                || value instanceof java.time.Duration
                || value instanceof java.time.Period) {
            return value.toString();
        }
        return value.toString();
    }

    private static Object normalize(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 18) {
            return stripped.longValueExact();
        }
        return d.doubleValue();
    }
}
