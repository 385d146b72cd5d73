package io.dmflow.template.layout;

/**
 * How wide a task must be for its name to fit in three lines inside the box (bpmn-js draws activity names
 * inside, 12px font): long keys such as "Read Device.Configuration.0.Full Config" get a wider box rather
 * than text spilling over the border or under a boundary event.
 */
public final class ActivitySize {

    public static final int HEIGHT = 80;
    private static final int[] WIDTHS = {100, 120, 140, 160, 200, 240};

    private ActivitySize() {}

    public static int width(String name) {
        if (name == null) {
            return WIDTHS[0];
        }
        int longestWord = 0;
        for (String word : name.split(" ")) {
            longestWord = Math.max(longestWord, word.length());
        }
        // first choice: no word broken; a key with no spaces may have to be broken anyway
        for (int w : WIDTHS) {
            if (TaskText.lines(name, w - 10) <= 3 && longestWord <= (w - 10) / 7) {
                return w;
            }
        }
        for (int w : WIDTHS) {
            if (TaskText.lines(name, w - 10) <= 3) {
                return w;
            }
        }
        return WIDTHS[WIDTHS.length - 1];
    }

    /** Lines of activity text at about 7px per character, words kept whole where they fit. */
    private static final class TaskText {
        static int lines(String text, int width) {
            int perLine = Math.max(4, width / 7);
            int lines = 1;
            int used = 0;
            for (String word : text.split(" ")) {
                int length = word.length();
                if (used > 0 && used + 1 + length > perLine) {
                    lines++;
                    used = 0;
                }
                while (length > perLine) {
                    lines++;
                    length -= perLine;
                }
                used += (used > 0 ? 1 : 0) + length;
            }
            return lines;
        }
    }
}
