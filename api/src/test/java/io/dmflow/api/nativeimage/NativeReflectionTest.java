package io.dmflow.api.nativeimage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.dmflow.engine.EmbeddedEngine;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A native executable keeps only the reflection it is told about: every dmflow type Jackson binds in the
 * application (api) and in the embedded engine must be registered in {@link NativeReflection}. Static, from the
 * compiled classes: no native build runs here.
 */
class NativeReflectionTest {

    /**
     * Where a value of an open type goes to Jackson: a device's reported value and a process variable, which are
     * strings, numbers, booleans, lists and maps (nothing to register). A new site of this kind must be looked at
     * and added here.
     */
    private static final Set<String> OPEN_TYPED_SITES = Set.of(
            "io.dmflow.api.observation.DeviceValueRecorder.row"
                    + " (com/fasterxml/jackson/databind/ObjectMapper.writeValueAsString)",
            "io.dmflow.engine.state.JsonValues.write (com/fasterxml/jackson/databind/ObjectMapper.writeValueAsString)");

    @Test
    void everyJacksonBoundTypeIsRegisteredForReflection() {
        JacksonBoundTypes found =
                new JacksonBoundTypes().scan(NativeReflection.class).scan(EmbeddedEngine.class);

        // The scan sees what it must: the problem body every error carries, a listing, a nested record of a view.
        assertThat(found.types)
                .contains(
                        "io.dmflow.api.problem.Problem",
                        "io.dmflow.api.device.DevicePage",
                        "io.dmflow.api.execution.ExecutionView$StatusChange");
        assertThat(new TreeSet<>(found.unknownSites))
                .as("values handed to Jackson whose type the bytecode does not tell")
                .containsExactlyInAnyOrderElementsOf(OPEN_TYPED_SITES);
        Set<String> missing = new TreeSet<>(found.types);
        missing.removeAll(registered());
        assertThat(missing)
                .as("Jackson-bound types not registered in NativeReflection (add them to its classNames)")
                .isEmpty();
    }

    @Test
    void everyRegisteredNameIsAClass() {
        for (String name : registered()) {
            assertThatCode(() -> Class.forName(name, false, getClass().getClassLoader()))
                    .as(name)
                    .doesNotThrowAnyException();
        }
    }

    private static List<String> registered() {
        return List.of(NativeReflection.class
                .getAnnotation(RegisterForReflection.class)
                .classNames());
    }
}
