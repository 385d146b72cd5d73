package io.dmflow.api.group;

import io.dmflow.api.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A group's dotted path, checked: segments of letters, digits, {@code _} and {@code -}. */
public record GroupPath(String value) {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_LENGTH = 512;

    public static GroupPath parse(String text, String parameter) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("Invalid group path", "a group path is required", parameter);
        }
        if (text.length() > MAX_LENGTH) {
            throw ProblemException.badRequest(
                    "Invalid group path", "a group path has at most " + MAX_LENGTH + " characters", parameter);
        }
        for (String segment : text.split("\\.", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw ProblemException.badRequest(
                        "Invalid group path",
                        "'" + text
                                + "' is not a group path: dot-separated names of letters, digits, '_' and '-' (e.g. root.fleet.eu)",
                        parameter);
            }
        }
        return new GroupPath(text);
    }

    /** The parent's path, or null for a top-level group. */
    public String parent() {
        int dot = value.lastIndexOf('.');
        return dot < 0 ? null : value.substring(0, dot);
    }

    /** This path and its ancestors, the top-level first. */
    public List<String> lineage() {
        List<String> paths = new ArrayList<>();
        int dot = value.indexOf('.');
        while (dot >= 0) {
            paths.add(value.substring(0, dot));
            dot = value.indexOf('.', dot + 1);
        }
        paths.add(value);
        return paths;
    }

    /** The SQL LIKE pattern matching every descendant's path. */
    public String descendantsPattern() {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".%";
    }

    @Override
    public String toString() {
        return value;
    }
}
