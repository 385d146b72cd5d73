package io.dmflow.template.layout;

import io.dmflow.template.bpmn.FlowNode;
import java.util.List;

/** A single node, its name below it when it is an event or gateway. */
public final class NodeFragment extends Fragment {

    static final int LABEL_WIDTH = 90;

    private final FlowNode node;
    private final boolean terminal;
    private Bounds bounds;
    private int x;
    private int cy;

    public NodeFragment(FlowNode node, boolean terminal) {
        this.node = node;
        this.terminal = terminal;
    }

    private boolean labelled() {
        return node.kind().hasExternalLabel()
                && node.name() != null
                && !node.name().isEmpty();
    }

    private int nodeWidth() {
        return node.kind().hasExternalLabel() ? node.kind().width() : ActivitySize.width(node.name());
    }

    @Override
    void measure() {
        int w = nodeWidth();
        int h = node.kind().height();
        width = labelled() ? Math.max(w, LABEL_WIDTH) : w;
        ascent = h / 2;
        descent = h / 2 + (labelled() ? 6 + LabelMetrics.height(node.name(), LABEL_WIDTH) : 0);
    }

    @Override
    void place(int x, int cy, Diagram diagram) {
        this.x = x;
        this.cy = cy;
        int w = nodeWidth();
        int h = node.kind().height();
        bounds = new Bounds(x + (width - w) / 2, cy - h / 2, w, h);
        diagram.shape(node, bounds);
        if (labelled()) {
            diagram.label(
                    node,
                    new Bounds(
                            x + (width - LABEL_WIDTH) / 2,
                            bounds.bottom() + 6,
                            LABEL_WIDTH,
                            LabelMetrics.height(node.name(), LABEL_WIDTH)));
        }
    }

    @Override
    public FlowNode entry() {
        return node;
    }

    @Override
    Point entryPoint() {
        return new Point(bounds.x(), cy);
    }

    @Override
    public Exit exit() {
        return terminal ? null : Exit.plain(node);
    }

    @Override
    List<Point> exitRoute() {
        return List.of(new Point(bounds.right(), cy), new Point(x + width, cy));
    }
}
