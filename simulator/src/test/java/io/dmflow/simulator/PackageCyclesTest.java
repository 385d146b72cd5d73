package io.dmflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.simulator.fleet.SimulatedFleet;
import io.dmflow.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** The simulator's packages depend on each other one way only, from the command line and the fleet down to the objects and transports. */
class PackageCyclesTest {

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        PackageCycles packages = PackageCycles.of(SimulatedFleet.class, "io.dmflow.simulator");
        assertThat(packages.dependencies())
                .as("jdeps found the packages")
                .containsKeys("io.dmflow.simulator.fleet", "io.dmflow.simulator.cli");
        assertThat(packages.cycles())
                .as("package cycles in " + packages.dependencies())
                .isEmpty();
    }
}
