package io.dmflow.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.template.compile.TemplateCompiler;
import io.dmflow.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** The compiler's pipeline packages depend on each other one way only, from the command line down to the source text. */
class PackageCyclesTest {

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        PackageCycles packages = PackageCycles.of(TemplateCompiler.class, "io.dmflow.template");
        assertThat(packages.dependencies())
                .as("jdeps found the packages")
                .containsKeys("io.dmflow.template.compile", "io.dmflow.template.parse");
        assertThat(packages.cycles())
                .as("package cycles in " + packages.dependencies())
                .isEmpty();
    }
}
