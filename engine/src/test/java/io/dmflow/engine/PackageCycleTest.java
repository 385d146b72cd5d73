package io.dmflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.testing.PackageCycles;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages form a line: rest and the engine assembly on top, then commands, then processing, then the
 * stores and the model. A package that imports one above it makes a cycle; the JDK's jdeps reads the compiled
 * classes and this test names every cycle it finds.
 */
class PackageCycleTest {

    private static final String ROOT = "io.dmflow.engine";

    @Test
    void noPackageImportsAPackageThatImportsItBack() {
        PackageCycles packages = PackageCycles.of(EmbeddedEngine.class, ROOT);
        assertThat(packages.dependencies())
                .as("jdeps found the engine's packages")
                .containsKeys(ROOT + ".processing", ROOT + ".rest");
        assertThat(packages.cycles()).as("package cycles in the engine").isEmpty();
    }

    @Test
    void theCheckSeesACycle() {
        PackageCycles graph = PackageCycles.of(Map.of(
                "a", Set.of("b"),
                "b", Set.of("c"),
                "c", Set.of("a"),
                "d", Set.of("a")));
        assertThat(graph.cycles()).containsExactly(java.util.List.of("a", "b", "c"));
    }
}
