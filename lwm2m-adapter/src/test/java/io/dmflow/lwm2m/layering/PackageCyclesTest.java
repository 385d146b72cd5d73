package io.dmflow.lwm2m.layering;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.lwm2m.server.DeviceManagementServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The adapter's packages depend on each other one way only, so each can be read, tested and changed from the bottom
 * up. The dependencies are the compiled classes' own, as the JDK's {@code jdeps} reports them.
 */
class PackageCyclesTest {

    private static final String ROOT = "io.dmflow.lwm2m";
    private static final Pattern DEPENDENCY =
            Pattern.compile("^\\s+(" + Pattern.quote(ROOT) + "\\S*)\\s+->\\s+(" + Pattern.quote(ROOT) + "\\S*)\\s");

    @Test
    void noPackageOfTheAdapterDependsOnItselfThroughAnother() throws Exception {
        Map<String, Set<String>> dependencies = dependencies();
        assertThat(dependencies)
                .as("jdeps found the adapter's packages")
                .containsKeys(ROOT + ".operation", ROOT + ".observation", ROOT + ".server");
        assertThat(cycles(dependencies)).as("package cycles in " + dependencies).isEmpty();
    }

    private static Map<String, Set<String>> dependencies() throws Exception {
        Path classes = Path.of(DeviceManagementServer.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = jdeps.run(
                new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none", classes.toString());
        assertThat(exit).as("jdeps: " + err).isZero();
        Map<String, Set<String>> dependencies = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher matcher = DEPENDENCY.matcher(line);
            if (matcher.find() && !matcher.group(1).equals(matcher.group(2))) {
                dependencies
                        .computeIfAbsent(matcher.group(1), key -> new TreeSet<>())
                        .add(matcher.group(2));
            }
        }
        return dependencies;
    }

    /** Every cycle found by a depth-first walk, each as the packages along it. */
    private static List<List<String>> cycles(Map<String, Set<String>> dependencies) {
        List<List<String>> cycles = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String start : dependencies.keySet()) {
            walk(start, dependencies, new ArrayDeque<>(), new HashMap<>(), done, cycles);
        }
        return cycles;
    }

    private static void walk(
            String current,
            Map<String, Set<String>> dependencies,
            Deque<String> path,
            Map<String, Boolean> onPath,
            Set<String> done,
            List<List<String>> cycles) {
        if (done.contains(current)) {
            return;
        }
        if (onPath.getOrDefault(current, false)) {
            List<String> cycle = new ArrayList<>();
            boolean inCycle = false;
            for (Iterator<String> oldestFirst = path.descendingIterator(); oldestFirst.hasNext(); ) {
                String step = oldestFirst.next();
                inCycle |= step.equals(current);
                if (inCycle) {
                    cycle.add(step);
                }
            }
            cycle.add(current);
            cycles.add(cycle);
            return;
        }
        onPath.put(current, true);
        path.push(current);
        for (String next : dependencies.getOrDefault(current, Set.of())) {
            walk(next, dependencies, path, onPath, done, cycles);
        }
        path.pop();
        onPath.put(current, false);
        done.add(current);
    }
}
