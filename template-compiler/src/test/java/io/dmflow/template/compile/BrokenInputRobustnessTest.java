package io.dmflow.template.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.template.source.Diagnostic;
import io.dmflow.template.support.TemplateFiles;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Templates damaged at random (characters cut, doubled or swapped in) never make the compiler throw:
 * each either compiles or fails with errors that point inside the file.
 */
class BrokenInputRobustnessTest {

    private static final String NOISE = "<>\"'${}#&;/=.()!?_ \n";

    @ParameterizedTest
    @ValueSource(strings = {"customBackupTask", "customRestoreTask", "allTags"})
    void randomDamageGivesErrorsNotExceptions(String name) {
        String original = TemplateFiles.read("templates/" + name + ".xml");
        int lines = (int) original.lines().count() + 1;
        Random random = new Random(name.hashCode());
        for (int round = 0; round < 300; round++) {
            StringBuilder damaged = new StringBuilder(original);
            int at = random.nextInt(damaged.length());
            switch (round % 3) {
                case 0 -> damaged.deleteCharAt(at);
                case 1 -> damaged.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                default -> damaged.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
            }
            Compilation compilation = TemplateCompiler.compile(name + ".xml", name, damaged.toString());
            assertThat(compilation.errors())
                    .extracting(Diagnostic::message)
                    .noneMatch(m -> m.startsWith("internal error"));
            if (!compilation.succeeded()) {
                assertThat(compilation.errors()).isNotEmpty();
                assertThat(compilation.errors())
                        .allSatisfy(d -> assertThat(d.position().line()).isBetween(1, lines + 1));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void absurdNestingIsAnErrorToo() {
        String deepTags = "<config>" + "<if expr=\"${true}\">".repeat(200) + "</if>".repeat(200) + "</config>";
        assertThat(TemplateCompiler.compile("deep.xml", "deep", deepTags).errors())
                .extracting(Diagnostic::render)
                .containsExactly("deep.xml:1:1206: tags are nested more than 64 levels deep");
        String deepExpression =
                "<config><log message=\"${" + "(".repeat(5000) + "1" + ")".repeat(5000) + "}\"/></config>";
        // An expression nested past what the parser takes is refused at its place, not by a compiler crash.
        assertThat(TemplateCompiler.compile("deep.xml", "deep", deepExpression).errors())
                .extracting(Diagnostic::render)
                .singleElement()
                .asString()
                .startsWith("deep.xml:1:")
                .doesNotContain("internal error");
    }
}
