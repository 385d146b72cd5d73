package io.dmflow.template.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.template.source.Diagnostic;
import io.dmflow.template.support.BpmnChecks;
import io.dmflow.template.support.TemplateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed's backup and restore templates, placeholders filled and otherwise unchanged, and a template
 * using every tag (allTags.xml), compile to
 * deployable BPMN that stays byte-for-byte the same (golden files under src/test/resources/golden;
 * regenerate with -Ddmflow.golden.update=true after a deliberate change, and review the diff).
 */
class SeedTemplatesTest {

    private static Compilation compile(String name) {
        return TemplateCompiler.compile(name + ".xml", name, TemplateFiles.read("templates/" + name + ".xml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"customBackupTask", "customRestoreTask", "allTags"})
    void compilesToValidZeebeBpmn(String name) {
        Compilation compilation = compile(name);

        assertThat(compilation.errors()).isEmpty();
        assertThat(compilation.processId()).isEqualTo("template-" + name);
        assertThat(BpmnChecks.errors(compilation.bpmn().orElseThrow())).isEmpty();
        assertThat(compilation.bpmn().orElseThrow())
                .contains("modeler:executionPlatform=\"Camunda Cloud\"")
                .contains("modeler:executionPlatformVersion=\"8.9.0\"")
                .contains("xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\"")
                .doesNotContain("ns0:");
    }

    /** Zeebe parses every '=' expression at deployment: each one must be FEEL that feel-engine 1.20 parses. */
    @ParameterizedTest
    @ValueSource(strings = {"customBackupTask", "customRestoreTask", "allTags"})
    void everyExpressionIsFeelThatParses(String name) {
        String bpmn = compile(name).bpmn().orElseThrow();
        var engine = org.camunda.feel.api.FeelEngineBuilder.forJava().build();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(?:=\"|>)(=[^\"<]*)").matcher(bpmn);
        int count = 0;
        while (m.find()) {
            String expression = m.group(1)
                    .substring(1)
                    .replace("&quot;", "\"")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&")
                    .replace("&#10;", "\n");
            var parsed = engine.parseExpression(expression);
            assertThat(parsed.isSuccess())
                    .as(
                            "FEEL %s: %s",
                            expression, parsed.isFailure() ? parsed.failure().message() : "")
                    .isTrue();
            count++;
        }
        assertThat(count).isGreaterThan(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"customBackupTask", "customRestoreTask", "allTags"})
    void matchesItsGoldenFile(String name) throws IOException {
        String bpmn = compile(name).bpmn().orElseThrow();
        Path golden = Path.of("src/test/resources/golden/" + name + ".bpmn");
        if (Boolean.getBoolean("dmflow.golden.update") || !Files.exists(golden)) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, bpmn, StandardCharsets.UTF_8);
        }
        assertThat(bpmn).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"customBackupTask", "customRestoreTask"})
    void identicalInputGivesIdenticalBytes(String name) {
        assertThat(compile(name).bpmn().orElseThrow().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(compile(name).bpmn().orElseThrow().getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"customBackupTask"})
    void theUnclosedIfOfTheBackupSeedIsOnlyAWarning(String name) {
        assertThat(compile(name).diagnostics())
                .extracting(Diagnostic::render)
                .containsExactly(name + ".xml:4:3: warning: <if> is not closed; </config> at 21:1 closes it");
    }
}
