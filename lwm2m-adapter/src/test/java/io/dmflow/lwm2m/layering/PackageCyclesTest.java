package io.dmflow.lwm2m.layering;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.lwm2m.server.DeviceManagementServer;
import io.dmflow.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/**
 * The adapter's packages depend on each other one way only, so each can be read, tested and changed from the bottom
 * up. The dependencies are the compiled classes' own, as the JDK's {@code jdeps} reports them.
 */
class PackageCyclesTest {

    private static final String ROOT = "io.dmflow.lwm2m";

    @Test
    void noPackageOfTheAdapterDependsOnItselfThroughAnother() {
        PackageCycles packages = PackageCycles.of(DeviceManagementServer.class, ROOT);
        assertThat(packages.dependencies())
                .as("jdeps found the adapter's packages")
                .containsKeys(ROOT + ".operation", ROOT + ".observation", ROOT + ".server");
        assertThat(packages.cycles())
                .as("package cycles in " + packages.dependencies())
                .isEmpty();
    }
}
