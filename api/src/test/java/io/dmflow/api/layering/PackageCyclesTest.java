package io.dmflow.api.layering;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.api.execution.ProcessStarter;
import io.dmflow.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** The application's packages depend on each other one way only (tasks above executions, templates and user processes below tasks: where a lower package must ask a higher one, it declares an interface the higher one implements). The dependencies are the compiled classes' own, as jdeps reports them. */
class PackageCyclesTest {

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        PackageCycles packages = PackageCycles.of(ProcessStarter.class, "io.dmflow.api");
        assertThat(packages.dependencies())
                .as("jdeps found the packages")
                .containsKeys("io.dmflow.api.task", "io.dmflow.api.execution", "io.dmflow.api.operation");
        assertThat(packages.cycles())
                .as("package cycles in " + packages.dependencies())
                .isEmpty();
    }
}
