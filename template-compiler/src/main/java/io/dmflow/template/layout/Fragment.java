package io.dmflow.template.layout;

import io.dmflow.template.bpmn.FlowNode;
import java.util.List;

/**
 * A piece of a process that is laid out as one block, left to right: flow enters at the left on the
 * block's centre line and leaves at the right on the same line. Nesting blocks (sequence, branch, loop)
 * is what keeps shapes apart without a general graph layout.
 */
public abstract class Fragment {

    /** How flow leaves a fragment: from which node, and with which name, condition or default marking. */
    public record Exit(FlowNode source, String name, String condition, boolean isDefault) {

        public static Exit plain(FlowNode source) {
            return new Exit(source, null, null, false);
        }
    }

    static final int GAP = 50;

    int width;
    int ascent;
    int descent;

    /** Computes width, ascent (above the centre line) and descent (below it, labels included). */
    abstract void measure();

    /** Gives every node, label and inner edge its place, with the block's left edge at x and centre line at cy. */
    abstract void place(int x, int cy, Diagram diagram);

    /** The node incoming flow connects to. */
    public abstract FlowNode entry();

    /** Where incoming flow ends: on the entry node's border, on the centre line. Valid after place. */
    abstract Point entryPoint();

    /** How flow leaves, or null when nothing follows (the fragment ends the process). */
    public abstract Exit exit();

    /** From the exit node's border to the block's right edge on the centre line. Valid after place. */
    abstract List<Point> exitRoute();
}
