package io.dmflow.template.layout;

import java.util.ArrayList;
import java.util.List;

/**
 * How much room a name takes when bpmn-js draws it (11px font, about 6.5px per character), so that
 * the layout can keep labels off other shapes.
 */
final class LabelMetrics {

    static final int LINE_HEIGHT = 14;
    private static final double CHAR_WIDTH = 6.5;

    private LabelMetrics() {}

    static int height(String text, int width) {
        return lines(text, width).size() * LINE_HEIGHT + 4;
    }

    static List<String> lines(String text, int width) {
        int perLine = Math.max(4, (int) ((width - 6) / CHAR_WIDTH));
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            while (word.length() > perLine) {
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, perLine));
                word = word.substring(perLine);
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > perLine) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
