package io.dmflow.engine.feel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dmflow.engine.clock.EngineClock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Expressions answered without the interpreter give exactly what FEEL gives for them. */
class VariableShortcutTest {

    private static final ExpressionLanguage FEEL = new ExpressionLanguage(new EngineClock());

    private static Map<String, Object> variables() {
        Map<String, Object> variables = new HashMap<>();
        variables.put(
                "device",
                Map.of(
                        "endpoint",
                        "dev-1",
                        "properties",
                        Map.of("region", "eu"),
                        "groups",
                        List.of("root", "root.eu")));
        variables.put("records", Arrays.asList(Map.of("name", "pmin", "value", 5), Map.of("value", 2.5), "text"));
        variables.put("count", 7);
        variables.put("ratio", 2.50);
        variables.put("big", 12345678901234L);
        variables.put("text", "Europe/Berlin");
        variables.put("nothing", null);
        variables.put("flag", true);
        variables.put("snake_case1", "x");
        return variables;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "device.endpoint",
                "device.properties.region",
                "device.properties.missing",
                "device.groups",
                "device",
                "records",
                "records.value",
                "records.name",
                "count",
                "ratio",
                "big",
                "text",
                "text.length",
                "nothing",
                "nothing.member",
                "missing",
                "missing.member",
                "flag",
                "flag.x",
                "snake_case1",
                "count.value",
                "\"SUCCESS\"",
                "\"\"",
                "\"two words\"",
                "true",
                "false",
                "null",
                "0",
                "42",
                "-7",
                "123456789012345678"
            })
    void answersAsFeelDoes(String expression) {
        Expression fast = FEEL.parseFeel(expression);
        Expression interpreted = FEEL.parseFeel("(" + expression + ")");
        assertThat(fast.shortcut()).as("a shortcut for " + expression).isNotNull();
        assertThat(interpreted.shortcut()).isNull();

        Throwable feelFailure = catchThrowable(() -> FEEL.evaluate(interpreted, variables()));
        if (feelFailure != null) {
            assertThat(catchThrowable(() -> FEEL.evaluate(fast, variables()))).isInstanceOf(feelFailure.getClass());
        } else {
            assertThat(FEEL.evaluate(fast, variables())).isEqualTo(FEEL.evaluate(interpreted, variables()));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "device.endpoint + \"x\"",
                "not(flag)",
                "if flag then 1 else 2",
                "\"a\\\"b\"",
                "count > 1",
                "1.5",
                "for x in records return x",
                "get value(device, \"endpoint\")"
            })
    void leavesEverythingElseToFeel(String expression) {
        assertThat(FEEL.parseFeel(expression).shortcut()).isNull();
    }
}
