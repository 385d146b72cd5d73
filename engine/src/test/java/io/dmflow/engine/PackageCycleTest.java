package io.dmflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
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
 * The engine's packages form a line: rest and the engine assembly on top, then commands, then
 * processing, then the stores and the model. A package that imports one above it makes a cycle;
 * the JDK's jdeps reads the compiled classes and this test names every cycle it finds.
 */
class PackageCycleTest {
    private static final String ROOT = "io.dmflow.engine";
    private static final Pattern EDGE =
            Pattern.compile("^\\s+(" + Pattern.quote(ROOT) + "\\S*)\\s+->\\s+(" + Pattern.quote(ROOT) + "\\S*)\\s");

    @Test
    void noPackageImportsAPackageThatImportsItBack() throws Exception {
        Map<String, Set<String>> graph = packageGraph(compiledClasses());
        assertThat(graph).as("jdeps found the engine's packages").containsKeys(ROOT + ".processing", ROOT + ".rest");
        assertThat(cycles(graph)).as("package cycles in the engine").isEmpty();
    }

    @Test
    void theCheckSeesACycle() {
        Map<String, Set<String>> graph = new TreeMap<>();
        graph.put("a", new TreeSet<>(List.of("b")));
        graph.put("b", new TreeSet<>(List.of("c")));
        graph.put("c", new TreeSet<>(List.of("a")));
        graph.put("d", new TreeSet<>(List.of("a")));
        assertThat(cycles(graph)).containsExactly(List.of("a", "b", "c"));
    }

    private static Path compiledClasses() throws URISyntaxException {
        return Path.of(EmbeddedEngine.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }

    private static Map<String, Set<String>> packageGraph(Path classes) {
        ToolProvider jdeps =
                ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("the JDK has no jdeps"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", classes.toString());
        assertThat(exit).as("jdeps exit code; stderr: %s", err).isZero();
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher edge = EDGE.matcher(line);
            if (edge.find() && !edge.group(1).equals(edge.group(2))) {
                graph.computeIfAbsent(edge.group(1), k -> new TreeSet<>()).add(edge.group(2));
                graph.computeIfAbsent(edge.group(2), k -> new TreeSet<>());
            }
        }
        return graph;
    }

    /** Strongly connected components of more than one package (Tarjan), each sorted. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> components = new ArrayList<>();
        int[] counter = {0};
        for (String node : graph.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, components, counter);
            }
        }
        return components;
    }

    private static void connect(
            String node,
            Map<String, Set<String>> graph,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            Set<String> onStack,
            List<List<String>> components,
            int[] counter) {
        index.put(node, counter[0]);
        low.put(node, counter[0]);
        counter[0]++;
        stack.push(node);
        onStack.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, onStack, components, counter);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            List<String> component = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                component.sort(null);
                components.add(component);
            }
        }
    }
}
