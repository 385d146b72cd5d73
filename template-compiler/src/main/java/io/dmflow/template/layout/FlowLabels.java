package io.dmflow.template.layout;

/** Where the short name of a flow ("yes", "no") goes: beside the start of its first segment. */
final class FlowLabels {

    static final int HEIGHT = 14;

    private FlowLabels() {}

    static int width(String text) {
        return text.length() * 7 + 4;
    }

    static Bounds place(String text, Point from, Point to) {
        int w = width(text);
        if (from.y() == to.y()) {
            // horizontal: above the line, just after its start
            int x = to.x() >= from.x() ? from.x() + 6 : from.x() - 6 - w;
            return new Bounds(x, from.y() - HEIGHT - 3, w, HEIGHT);
        }
        // vertical: to the right of the line, just after its start
        int y = to.y() >= from.y() ? from.y() + 4 : from.y() - 4 - HEIGHT;
        return new Bounds(from.x() + 5, y, w, HEIGHT);
    }
}
