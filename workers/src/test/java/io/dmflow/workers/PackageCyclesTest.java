package io.dmflow.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** The workers' packages depend on each other one way only: each job package on the job runner and the store ports, none on another job package's workers. */
class PackageCyclesTest {

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        PackageCycles packages = PackageCycles.of(JobWorkers.class, "io.dmflow.workers");
        assertThat(packages.dependencies())
                .as("jdeps found the packages")
                .containsKeys("io.dmflow.workers", "io.dmflow.workers.job");
        assertThat(packages.cycles())
                .as("package cycles in " + packages.dependencies())
                .isEmpty();
    }
}
