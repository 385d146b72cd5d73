package io.dmflow.template.compile;

/**
 * Element names for people reading the diagram in Modeler or Operate: the template text without the
 * expression syntax ({@code ${#intervalTime.toLong}} reads as {@code intervalTime}).
 */
final class Readable {

    private static final int MAX = 60;

    private Readable() {}

    static String of(String templateText) {
        String s = templateText
                .replace("${", "")
                .replace("}", "")
                .replace("#", "")
                .replaceAll("\\.to(Long|Int|Double|String)\\b", "")
                .replace("&&", "and")
                .replace("||", "or")
                .replaceAll("\\s+", " ")
                .strip();
        if (s.length() > MAX) {
            s = s.substring(0, MAX - 3).stripTrailing() + "...";
        }
        return s;
    }
}
