package io.dmflow.template.expression;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.template.source.Diagnostics;
import io.dmflow.template.source.Position;
import io.dmflow.template.source.SourceText;
import io.dmflow.template.support.FeelEvaluation;
import java.math.BigDecimal;
import java.text.SimpleDateFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each construct of the expression language, compiled to FEEL and evaluated by feel-engine against
 * sample variables; the expected values are what the source expression means on the JVM.
 */
class ExpressionEvaluationTest {

    static final Set<String> VARIABLES =
            Set.of("a", "b", "n", "empty", "dateText", "i", "lastBackupTimestamp", "intervalTime");

    static Map<String, Object> sample() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("t1-lastBackupTimestamp", "1000");
        properties.put("backup-dev-1-t1-0-Timestamp", "1600000000000");
        properties.put("backup-dev-1-t1-1-Timestamp", "1700000000000");
        properties.put("backup-dev-1-t1-1-Size", "99");
        properties.put("name", "x");
        Map<String, Object> vars = new HashMap<>();
        vars.put(
                "device",
                Map.of(
                        "endpoint",
                        "dev-1",
                        "id",
                        "17",
                        "softwareVersion",
                        "1.2.3",
                        "properties",
                        properties,
                        "groups",
                        List.of("root", "root.lab")));
        vars.put(
                "task",
                Map.of("id", "t1", "name", "nightly", "properties", Map.of("intervalTime", "24", "backupNumber", "3")));
        vars.put("a", "5");
        vars.put("b", "abc");
        vars.put("n", "12");
        vars.put("empty", null);
        vars.put("dateText", "2024.02.30 10:00:00");
        vars.put("i", "backup-dev-1-t1-1-Timestamp");
        return vars;
    }

    static TemplateValue compile(String source) {
        VariableScope scope = new VariableScope();
        VARIABLES.forEach(scope::declare);
        Diagnostics diagnostics = new Diagnostics("test.xml");
        var value = new TemplateValueCompiler(scope, diagnostics).compile(SourceText.at(source, new Position(1, 10)));
        assertThat(diagnostics.sorted()).as("diagnostics of %s", source).isEmpty();
        return value.orElseThrow();
    }

    static Object evaluate(String source) {
        return FeelEvaluation.evaluate(compile(source).feel().text(), sample());
    }

    static long lenient(String pattern, String text) {
        SimpleDateFormat format = new SimpleDateFormat(pattern);
        format.setLenient(true);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        try {
            return format.parse(text).getTime();
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String formatted(String pattern, long millis) {
        SimpleDateFormat format = new SimpleDateFormat(pattern);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        return format.format(new java.util.Date(millis));
    }

    static Stream<Arguments> constructs() {
        return Stream.of(
                // literals and arithmetic (Int division truncates, % is the remainder)
                Arguments.of("${42}", 42),
                Arguments.of("${2147483648}", 2147483648L),
                Arguments.of("${1L + 1}", 2),
                Arguments.of("${1.5 * 2}", 3),
                Arguments.of("${1 + 2 * 3 - 4}", 3),
                Arguments.of("${(1 + 2) * 3}", 9),
                Arguments.of("${7 / 2}", 3),
                Arguments.of("${-7 / 2}", -3),
                Arguments.of("${7.0 / 2}", 3.5),
                Arguments.of("${7 % 3}", 1),
                Arguments.of("${-(2 + 3)}", -5),
                // strings and concatenation, mixed with text, null shown as "null"
                Arguments.of("${'a' + 1}", "a1"),
                Arguments.of("${1 + 'a'}", "1a"),
                Arguments.of("${1 + 2 + 'a'}", "3a"),
                Arguments.of("${\"double\" + 'single'}", "doublesingle"),
                Arguments.of("text ${#a} end", "text 5 end"),
                Arguments.of("${#a}${#b}", "5abc"),
                Arguments.of("${#b + '-' + task.id}", "abc-t1"),
                Arguments.of("x=${#empty}", "x=null"),
                Arguments.of("${'x' + #empty}", "xnull"),
                Arguments.of("${'it\\'s'.length}", 4),
                Arguments.of("${'a\\'b'}", "a'b"),
                Arguments.of("${true + '!'}", "true!"),
                // comparisons, equality with null, logic
                Arguments.of("${#a.toInt < 10}", true),
                Arguments.of("${#a.toInt >= 5 && #a.toInt <= 5}", true),
                Arguments.of("${'abc' < 'abd'}", true),
                Arguments.of("${#a == '5'}", true),
                Arguments.of("${#a != '5'}", false),
                Arguments.of("${#empty == null}", true),
                Arguments.of("${#a != null}", true),
                Arguments.of("${task.properties.get('resourceId')!=null}", false),
                Arguments.of("${true and !false}", true),
                Arguments.of("${false || true}", true),
                Arguments.of("${false or 1 > 2}", false),
                Arguments.of("${!(1 > 2) && 2 >= 2}", true),
                Arguments.of("${1 == 1.0}", true),
                // conditional and fallback
                Arguments.of("${if (#a.toInt > 3) 'big' else 'small'}", "big"),
                Arguments.of("${if (#a.toInt > 9) 1 else 2L}", 2),
                Arguments.of("${#b.toInt ? 7}", 7),
                Arguments.of("${#a.toInt ? 7}", 5),
                Arguments.of("${task.properties.get('missing') ? 'fallback'}", "fallback"),
                Arguments.of("${#b.toInt ? 1 + 1}", 2),
                // task, device
                Arguments.of("${task.id}", "t1"),
                Arguments.of("${task.name}", "nightly"),
                Arguments.of("${task.properties.get('intervalTime')}", "24"),
                Arguments.of("${task.properties.getOr('nope', 'x')}", "x"),
                Arguments.of("${task.properties.getOr('backupNumber', '5').toInt}", 3),
                Arguments.of("${device.id}", "dev-1"),
                Arguments.of("${device.softwareVersion}", "1.2.3"),
                Arguments.of("${device.getProperty('name', 'd')}", "x"),
                Arguments.of("${device.getProperty('nope', 'd')}", "d"),
                Arguments.of("${device.getProperty(task.id + '-lastBackupTimestamp', '0')}", "1000"),
                Arguments.of("${device.properties.get(#i)}", "1700000000000"),
                Arguments.of("${device.properties.contains('name')}", true),
                Arguments.of("${device.properties.keySet.contains('nope')}", false),
                Arguments.of("${device.groups.contains('root.lab')}", true),
                // collections and lambdas
                Arguments.of(
                        "${device.properties.keySet.filter(_.startsWith('backup-')).filter(_.endsWith('-Timestamp')).sorted}",
                        List.of("backup-dev-1-t1-0-Timestamp", "backup-dev-1-t1-1-Timestamp")),
                Arguments.of("${device.properties.keySet.filter(k => k.endsWith('-Size')).size}", 1),
                Arguments.of(
                        "${device.properties.keySet.map(_.stripSuffix('-Timestamp')).contains('backup-dev-1-t1-0')}",
                        true),
                Arguments.of("${device.groups.map(g => g.length)}", List.of(4, 8)),
                Arguments.of("${device.groups.head}", "root"),
                Arguments.of("${device.groups.mkString('|')}", "root|root.lab"),
                Arguments.of("${device.groups.isEmpty}", false),
                Arguments.of("${device.groups.nonEmpty}", true),
                Arguments.of("${'c,a,b'.split(',').sorted.mkString('')}", "abc"),
                // string methods
                Arguments.of("${#i.stripSuffix('-Timestamp')}", "backup-dev-1-t1-1"),
                Arguments.of("${#b.stripSuffix('zz')}", "abc"),
                Arguments.of("${#i.stripPrefix('backup-')}", "dev-1-t1-1-Timestamp"),
                Arguments.of("${#b.startsWith('ab')}", true),
                Arguments.of("${#b.endsWith('bc')}", true),
                Arguments.of("${#b.contains('x')}", false),
                Arguments.of("${'  pad  '.trim}", "pad"),
                Arguments.of("${#b.toUpperCase}", "ABC"),
                Arguments.of("${'ABC'.toLowerCase}", "abc"),
                Arguments.of("${#b.length}", 3),
                Arguments.of("${''.isEmpty}", true),
                Arguments.of("${#b.nonEmpty}", true),
                Arguments.of("${#b.substring(1)}", "bc"),
                Arguments.of("${'abcdef'.substring(1, 3)}", "bc"),
                Arguments.of("${'a.b.c'.replaceAll('\\.', '-')}", "a-b-c"),
                Arguments.of("${'a1b22'.replaceAll('[0-9]+', '#')}", "a#b#"),
                Arguments.of("${#b.toString}", "abc"),
                // conversions
                Arguments.of("${#n.toLong + 1}", 13),
                Arguments.of("${#n.toInt.toString + 'x'}", "12x"),
                Arguments.of("${'2.5'.toDouble * 2}", 5),
                Arguments.of("${3.7.toInt}", 3),
                Arguments.of("${12.toLong.toDouble}", 12),
                Arguments.of("${'true'.toBoolean}", true),
                Arguments.of("${'FALSE'.toBoolean}", false),
                Arguments.of("${'maybe'.toBoolean ? true}", true),
                Arguments.of("${'1.5'.toInt ? -1}", -1),
                Arguments.of("${' 12'.toLong ? -1}", -1),
                Arguments.of("${'-12'.toLong}", -12),
                Arguments.of("${'1.5'.toDouble}", 1.5),
                // dates: lenient parsing, epoch millis, formatting in UTC
                Arguments.of(
                        "${'1971.00.00 00:00:00'.toDate('yyyy.MM.dd HH:mm:ss').millis}",
                        lenient("yyyy.MM.dd HH:mm:ss", "1971.00.00 00:00:00")),
                Arguments.of(
                        "${#dateText.toDate('yyyy.MM.dd HH:mm:ss').millis}",
                        lenient("yyyy.MM.dd HH:mm:ss", "2024.02.30 10:00:00")),
                Arguments.of("${#dateText.toDate('yyyy.MM.dd HH:mm:ss').format}", "2024.03.01 10:00:00"),
                Arguments.of(
                        "${'2024.13.40 25:61:61'.toDate('yyyy.MM.dd HH:mm:ss').millis}",
                        lenient("yyyy.MM.dd HH:mm:ss", "2024.13.40 25:61:61")),
                Arguments.of("${'31.01.2024'.toDate('dd.MM.yyyy').format('yyyy-MM-dd')}", "2024-01-31"),
                Arguments.of(
                        "${'2024-2-29 7:05'.toDate('yyyy-MM-dd H:mm').millis}",
                        lenient("yyyy-MM-dd H:mm", "2024-2-29 7:05")),
                Arguments.of("${'no date'.toDate('yyyy.MM.dd').millis ? 0L}", 0),
                Arguments.of(
                        "${date.fromMillis(1700000000123).format}", formatted("yyyy.MM.dd HH:mm:ss", 1700000000123L)),
                Arguments.of(
                        "${date.fromMillis(1700000000123).format('yyyy-MM-dd HH:mm:ss.SSS')}",
                        formatted("yyyy-MM-dd HH:mm:ss.SSS", 1700000000123L)),
                Arguments.of("${date.fromMillis(1700000000123).format('yy/M/d')}", formatted("yy/M/d", 1700000000123L)),
                Arguments.of("${date.fromMillis(-86400001).millis}", -86400001),
                Arguments.of("${date.fromMillis(#n.toLong).millis}", 12),
                Arguments.of("${date.fromMillis(0).format}", "1970.01.01 00:00:00"),
                Arguments.of("${date.fromMillis(1000) < date.fromMillis(2000)}", true),
                Arguments.of("${date.fromMillis(1000) == date.fromMillis(1000)}", true),
                Arguments.of("${'at ' + date.fromMillis(0)}", "at 1970.01.01 00:00:00"),
                Arguments.of("${date.now.millis > 1700000000000}", true),
                Arguments.of("${date.now.format.length}", 19));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructs")
    void compiledFeelMeansWhatTheSourceMeans(String source, Object expected) {
        Object actual = evaluate(source);
        if (expected instanceof Number n) {
            assertThat(actual).isInstanceOf(BigDecimal.class);
            assertThat((BigDecimal) actual).isEqualByComparingTo(new BigDecimal(n.toString()));
        } else if (expected instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Number) {
            assertThat(actual).isEqualTo(FeelEvaluation.normalize(list));
        } else {
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void aMethodOnNullGivesNull() {
        assertThat(evaluate("${#empty.toUpperCase}")).isNull();
        assertThat(evaluate("${task.properties.get('nope').length}")).isNull();
    }

    @Test
    void mapsListTheirEntriesInKeyOrder() {
        List<String> keys = List.of(
                "backup-dev-1-t1-0-Timestamp",
                "backup-dev-1-t1-1-Size",
                "backup-dev-1-t1-1-Timestamp",
                "name",
                "t1-lastBackupTimestamp");
        assertThat(evaluate("${device.properties.keySet}")).isEqualTo(keys);
        assertThat(evaluate("${device.properties.values}"))
                .isEqualTo(List.of("1600000000000", "99", "1700000000000", "x", "1000"));
        assertThat(evaluate("${device.properties.keySet.filter(_.startsWith('backup-'))}"))
                .isEqualTo(keys.subList(0, 3));
        assertThat(evaluate("all: ${device.properties}"))
                .isEqualTo(
                        "all: {backup-dev-1-t1-0-Timestamp:\"1600000000000\", "
                                + "backup-dev-1-t1-1-Size:\"99\", backup-dev-1-t1-1-Timestamp:\"1700000000000\", name:\"x\", t1-lastBackupTimestamp:\"1000\"}");
    }

    @Test
    void aMissingMapKeyIsNull() {
        assertThat(evaluate("${task.properties.get('nope')}")).isNull();
    }

    @Test
    void theBackupConditionHoldsWhenTheIntervalHasPassed() {
        String condition = "${#lastBackupTimestamp.toLong + #intervalTime.toLong * 3600 * 1000 < date.now.millis}";
        Map<String, Object> vars = sample();
        vars.put("intervalTime", "168");
        vars.put("lastBackupTimestamp", "0");
        assertThat(FeelEvaluation.evaluate(compile(condition).feel().text(), vars))
                .isEqualTo(true);
        vars.put("lastBackupTimestamp", String.valueOf(System.currentTimeMillis() - 3_600_000));
        assertThat(FeelEvaluation.evaluate(compile(condition).feel().text(), vars))
                .isEqualTo(false);
    }

    @Test
    void theRingCounterWrapsLikeTheJvmRemainder() {
        String next = "${(#a.toInt + 1) % task.properties.getOr('backupNumber', '5').toInt}";
        Map<String, Object> vars = sample();
        vars.put("a", "2");
        assertThat(FeelEvaluation.evaluate(compile(next).feel().text(), vars)).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void aSingleExpressionKeepsItsTypeAndTextMakesAString() {
        assertThat(compile("${1 + 1}").type()).isEqualTo(Type.INT);
        assertThat(compile("${#a == '5'}").type()).isEqualTo(Type.BOOLEAN);
        assertThat(compile("n=${1 + 1}").type()).isEqualTo(Type.STRING);
        assertThat(compile("plain").plainText()).isTrue();
        assertThat(compile("${device.properties.keySet}").type()).isEqualTo(Type.STRING_SET);
    }

    @Test
    void simpleExpressionsStayReadableInFeel() {
        assertThat(compile("${#lastBackupTimestamp.toLong + #intervalTime.toLong * 3600 * 1000 < date.now.millis}")
                        .feel()
                        .text())
                .isEqualTo(
                        "(if matches(lastBackupTimestamp, \"^[+-]?[0-9]+$\") then number(lastBackupTimestamp) else null)"
                                + " + (if matches(intervalTime, \"^[+-]?[0-9]+$\") then number(intervalTime) else null) * 3600 * 1000 < "
                                + "(now() - date and time(\"1970-01-01T00:00:00Z\")) / duration(\"PT0.001S\")");
        assertThat(compile("${'backup-' + device.id}").feel().text()).isEqualTo("\"backup-\" + device.endpoint");
    }
}
