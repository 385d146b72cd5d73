package io.dmflow.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * The package dependencies of one module's compiled classes, as the JDK's {@code jdeps} reports them, and the cycles
 * among them. Each module's layering test asks it, so that every module's packages depend on each other one way only.
 */
public final class PackageCycles {

    private final Map<String, Set<String>> dependencies;

    private PackageCycles(Map<String, Set<String>> dependencies) {
        this.dependencies = dependencies;
    }

    /** The packages under {@code root} of the classes folder or jar that holds {@code member}. */
    public static PackageCycles of(Class<?> member, String root) {
        Path classes;
        try {
            classes = Path.of(
                    member.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no location of " + member, e);
        }
        ToolProvider jdeps =
                ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException("the JDK has no jdeps"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = jdeps.run(
                new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none", classes.toString());
        if (exit != 0) {
            throw new IllegalStateException("jdeps failed on " + classes + ": " + err);
        }
        Pattern edge =
                Pattern.compile("^\\s+(" + Pattern.quote(root) + "\\S*)\\s+->\\s+(" + Pattern.quote(root) + "\\S*)\\s");
        Map<String, Set<String>> dependencies = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher matcher = edge.matcher(line);
            if (matcher.find() && !matcher.group(1).equals(matcher.group(2))) {
                dependencies
                        .computeIfAbsent(matcher.group(1), key -> new TreeSet<>())
                        .add(matcher.group(2));
            }
        }
        return new PackageCycles(dependencies);
    }

    /** A graph given by hand, to show the search finds what it should. */
    public static PackageCycles of(Map<String, Set<String>> dependencies) {
        return new PackageCycles(new TreeMap<>(dependencies));
    }

    /** Each package with the packages it depends on (packages that depend on none are left out). */
    public Map<String, Set<String>> dependencies() {
        return dependencies;
    }

    /**
     * The groups of packages that depend on each other in a circle (strongly connected components of more than one
     * package, found by Tarjan's algorithm), each sorted by name; empty when every dependency goes one way.
     */
    public List<List<String>> cycles() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<List<String>> components = new ArrayList<>();
        for (String node : dependencies.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, index, low, stack, onStack, components);
            }
        }
        return components;
    }

    private void connect(
            String node,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            Set<String> onStack,
            List<List<String>> components) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : dependencies.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, index, low, stack, onStack, components);
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
