package io.dmflow.template.expression;

import java.util.Set;
import java.util.TreeSet;

/**
 * The task variables a template sets anywhere. The language has one task-wide scope, so a reference is
 * valid when some tag sets the variable, wherever it is.
 */
public final class VariableScope {

    private final Set<String> names = new TreeSet<>();

    public void declare(String name) {
        names.add(name);
    }

    public boolean isDeclared(String name) {
        return names.contains(name);
    }

    public Set<String> names() {
        return Set.copyOf(names);
    }
}
