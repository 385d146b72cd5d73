package io.dmflow.template.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.dmflow.template.source.Diagnostic;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken templates: each gives no BPMN and, first in file order, the error a user needs, at the line
 * and column of the offending character, rendered as file:line:col: message. No exception escapes.
 */
class MalformedTemplatesTest {

    static Stream<Arguments> templates() {
        return Stream.of(
                // XML
                Arguments.of("<config>", "1:1: <config> is never closed"),
                Arguments.of("<config><store target=\"a\" value=\"1\"/>", "1:1: <config> is never closed"),
                Arguments.of("<config></store></config>", "1:9: end tag </store> does not match the open <config>"),
                Arguments.of("<config><log message=\"abc", "1:22: the value of attribute 'message' is not closed"),
                Arguments.of(
                        "<config><log message=a/></config>", "1:22: the value of attribute 'message' must be quoted"),
                Arguments.of(
                        "<config><log message=\"a\" message=\"b\"/></config>",
                        "1:26: attribute 'message' is repeated in <log>"),
                Arguments.of("<config><log message=\"a & b\"/></config>", "1:25: '&' must start an entity"),
                Arguments.of("<config><log message=\"&foo;\"/></config>", "1:23: unknown entity &foo;"),
                Arguments.of(
                        "<config><log message=\"a < b\"/></config>", "1:25: '<' is not allowed in an attribute value"),
                Arguments.of("<config>hello</config>", "1:9: text is not allowed inside <config>: 'hello'"),
                Arguments.of("", "1:1: the template is empty"),
                Arguments.of("<config/><config/>", "1:10: only one root element is allowed"),
                Arguments.of("<!DOCTYPE x><config/>", "1:1: DOCTYPE and other declarations are not allowed"),
                Arguments.of("<config><!-- x </config>", "1:9: comment is not closed"),
                Arguments.of(
                        "<config><log message=\"x\"</config>",
                        "1:25: expected whitespace, '>' or '/>' in <log>, found '<'"),
                Arguments.of("<task/>", "1:1: a template starts with <config>, found <task>"),
                // tags
                Arguments.of("<config><reboot/></config>", "1:9: unknown tag <reboot>"),
                Arguments.of("<config><else/></config>", "1:9: <else> must be directly inside an <if>"),
                Arguments.of(
                        "<config><operation regex=\"a\" replacement=\"b\"/></config>",
                        "1:9: <operation> belongs inside <editResource>"),
                Arguments.of(
                        "<config><editResource destination=\"d\" source=\"s\"><replace/></editResource></config>",
                        "1:50: <editResource> takes <operation> and <resourceProperty> tags, found <replace>"),
                Arguments.of(
                        "<config><finish/><log message=\"x\"/></config>",
                        "1:18: <log> is never reached: <finish> at 1:9 ends the task"),
                Arguments.of(
                        "<config><if expr=\"${true}\"><else/><else/></if></config>",
                        "1:35: <if> has more than one <else> (the first is at 1:28)"),
                Arguments.of(
                        "<config><while expr=\"${true}\"></while></config>",
                        "1:9: <while> needs at least one tag inside"),
                // attributes
                Arguments.of("<config><store target=\"a\"/></config>", "1:9: <store> needs the attribute 'value'"),
                Arguments.of("<config><get key=\"/3/0/0\"/></config>", "1:9: <get> needs the attribute 'output'"),
                Arguments.of("<config><if><log message=\"x\"/></if></config>", "1:9: <if> needs the attribute 'expr'"),
                Arguments.of(
                        "<config><foreach><log message=\"x\"/></foreach></config>",
                        "1:9: <foreach> needs the attribute 'list'"),
                Arguments.of(
                        "<config><lwm2mFirmwareUpdate transferMethod=\"Push\"/></config>",
                        "1:9: <lwm2mFirmwareUpdate> needs the attribute 'resourceId'"),
                Arguments.of(
                        "<config><log message=\"x\" colour=\"red\"/></config>",
                        "1:26: unknown attribute 'colour' on <log> (known: message, level)"),
                Arguments.of(
                        "<config><get key=\"/3/0/0\" output=\"${#x}\"/></config>",
                        "1:35: 'output' names a task variable and must be a plain name"),
                Arguments.of(
                        "<config><store target=\"1abc\" value=\"x\"/></config>",
                        "1:24: '1abc' is not a valid variable name"),
                Arguments.of("<config><store target=\"device\" value=\"x\"/></config>", "1:24: 'device' is reserved"),
                Arguments.of(
                        "<config><store target=\"a\" value=\"x\" type=\"history\"/></config>",
                        "1:43: unknown store type 'history'"),
                Arguments.of(
                        "<config><get key=\"KEY TO GET BACKUP IMAGE\" output=\"image\"/></config>",
                        "1:19: 'KEY TO GET BACKUP IMAGE' is not a key of <get>"),
                Arguments.of(
                        "<config><get key=\"/3/0/0\" output=\"v\" ignoreFaults=\"yes\"/></config>",
                        "1:52: 'ignoreFaults' of <get> must be true or false, found 'yes'"),
                Arguments.of(
                        "<config><wait seconds=\"soon\"/></config>",
                        "1:24: 'seconds' of <wait> must be a whole number of seconds, found 'soon'"),
                Arguments.of("<config><finish status=\"DONE\"/></config>", "1:25: unknown status 'DONE'"),
                Arguments.of(
                        "<config><lwm2mFirmwareUpdate resourceId=\"fw\" useQuota=\"maybe\"/></config>",
                        "1:56: 'useQuota' must be true or false, found 'maybe'"),
                Arguments.of(
                        "<config><lwm2mFirmwareUpdate resourceId=\"fw\" timeoutInSec=\"ten\"/></config>",
                        "1:60: 'timeoutInSec' must be a whole number, found 'ten'"),
                Arguments.of("<config><log message=\"x\" level=\"LOUD\"/></config>", "1:33: unknown log level 'LOUD'"),
                // expressions: syntax
                Arguments.of("<config><log message=\"${#a\"/></config>", "1:23: '${' is not closed with '}'"),
                Arguments.of("<config><log message=\"${'abc}\"/></config>", "1:23: '${' is not closed with '}'"),
                Arguments.of("<config><log message=\"${}\"/></config>", "1:25: empty expression"),
                Arguments.of(
                        "<config><log message=\"${1 +}\"/></config>",
                        "1:28: expected a value, found the end of the expression"),
                Arguments.of("<config><log message=\"${(1 + 2}\"/></config>", "1:31: expected ')' to close '('"),
                Arguments.of(
                        "<config><log message=\"${1 = 1}\"/></config>",
                        "1:27: '=' is not an operator here: compare with '=='"),
                Arguments.of("<config><log message=\"${foo(1)}\"/></config>", "1:25: unknown function 'foo'"),
                Arguments.of("<config><log message=\"${list(1, 2)}\"/></config>", "1:25: unknown function 'list'"),
                Arguments.of(
                        "<config><log message=\"${_.length}\"/></config>",
                        "1:25: '_' is only allowed inside a method argument"),
                // expressions: names, methods, types
                Arguments.of(
                        "<config><log message=\"${task.id.frobnicate}\"/></config>",
                        "1:33: unknown property 'frobnicate' on String"),
                Arguments.of(
                        "<config><log message=\"${device.nope}\"/></config>",
                        "1:32: unknown property 'nope' on device"),
                Arguments.of("<config><log message=\"${#nope}\"/></config>", "1:25: unknown variable #nope"),
                Arguments.of(
                        "<config><log message=\"${'a' - 1}\"/></config>",
                        "1:29: '-' needs numbers, found String - Int"),
                Arguments.of(
                        "<config><if expr=\"${'yes'}\"><log message=\"x\"/></if></config>",
                        "1:19: the condition of <if> must be a Boolean, found String"),
                Arguments.of(
                        "<config><store target=\"a\" value=\"1\"/><log message=\"${#a.millis}\"/></config>",
                        "1:57: unknown property 'millis' on String"),
                Arguments.of(
                        "<config><log message=\"${'5'.toInt(1)}\"/></config>",
                        "1:29: 'toInt' takes 0 arguments, found 1"),
                Arguments.of(
                        "<config><log message=\"${'5'.startsWith(1)}\"/></config>",
                        "1:40: argument 1 of 'startsWith' must be String, found Int"),
                Arguments.of(
                        "<config><log message=\"${task.properties.get('x', 'y')}\"/></config>",
                        "1:41: 'get' takes 1 argument, found 2"),
                Arguments.of(
                        "<config><log message=\"${date.now + 1}\"/></config>",
                        "1:34: '+' needs numbers, found Date + Int: use .millis"),
                Arguments.of(
                        "<config><log message=\"${if (true) 1 else 'x'}\"/></config>",
                        "1:25: the branches of 'if' have different types: Int and String"),
                Arguments.of(
                        "<config><log message=\"${'x'.toDate('EEE').millis}\"/></config>",
                        "1:36: date pattern letter 'E' in 'EEE' is not supported"),
                Arguments.of(
                        "<config><log message=\"${'x'.toDate('x' + 'y')}\"/></config>",
                        "1:36: the pattern of toDate must be a string literal"),
                Arguments.of(
                        "<config><log message=\"${task.properties.keySet.filter(_.length)}\"/></config>",
                        "1:55: the lambda of filter needs a Boolean, found Int"),
                Arguments.of(
                        "<config><foreach list=\"${'abc'}\"><log message=\"x\"/></foreach></config>",
                        "1:24: the list of <foreach> must be a List or Set, found String"),
                Arguments.of(
                        "<config><if expr=\"${1 &lt; 'a'}\"><log message=\"x\"/></if></config>",
                        "1:23: cannot order Int and String"),
                Arguments.of("<config><log message=\"${1 == 'a'}\"/></config>", "1:27: cannot compare Int with String"),
                Arguments.of(
                        "<config><log message=\"${device.groups ++ device.groups}\"/></config>",
                        "1:39: the operator '++' is not supported"),
                Arguments.of(
                        "<config>\r\n  <wait seconds=\"-1\" />\r\n</config>\r\n",
                        "2:18: 'seconds' of <wait> must be a whole number of seconds, found '-1'"),
                Arguments.of(
                        "<config>\n  <store target=\"a\" value=\"1\" />\n  <log message=\"${#a.toLong - 'x'}\" />\n</config>",
                        "3:29: '-' needs numbers, found Long - String"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("templates")
    void reportsTheErrorWhereItIs(String template, String expected) {
        assertThatCode(() -> TemplateCompiler.compile("bad.xml", "bad", template))
                .doesNotThrowAnyException();
        Compilation compilation = TemplateCompiler.compile("bad.xml", "bad", template);

        assertThat(compilation.succeeded()).isFalse();
        assertThat(compilation.errors()).isNotEmpty();
        String first = compilation.errors().get(0).render();
        assertThat(first).startsWith("bad.xml:" + expected);
        assertThat(compilation.diagnostics())
                .extracting(Diagnostic::render)
                .allSatisfy(line -> assertThat(line).doesNotContain("Exception").doesNotContain("\n\tat "));
    }

    @org.junit.jupiter.api.Test
    void thereAreAtLeastFortyOfThem() {
        assertThat(templates().count()).isGreaterThanOrEqualTo(40);
    }
}
