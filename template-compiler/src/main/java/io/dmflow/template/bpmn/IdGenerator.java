package io.dmflow.template.bpmn;

import java.util.HashSet;
import java.util.Set;

/**
 * Element ids derived from where the element comes from in the template (tag, line, column), so that they
 * stay the same across recompiles and Operate's history lines up between versions.
 */
public final class IdGenerator {

    private final Set<String> used = new HashSet<>();

    public String next(String hint) {
        String base = sanitize(hint);
        String id = base;
        int n = 2;
        while (!used.add(id)) {
            id = base + "_" + n++;
        }
        return id;
    }

    private static String sanitize(String hint) {
        StringBuilder b = new StringBuilder();
        for (char c : hint.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) || c == '_' || c == '-' ? c : '_');
        }
        if (b.length() == 0 || !Character.isLetter(b.charAt(0))) {
            b.insert(0, "Element_");
        }
        return b.toString();
    }
}
