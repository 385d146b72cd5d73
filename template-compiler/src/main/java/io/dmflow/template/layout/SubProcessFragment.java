package io.dmflow.template.layout;

import io.dmflow.template.bpmn.FlowNode;
import java.util.List;

/** An expanded sub-process drawn around its own chain of fragments, its name inside the top edge. */
public final class SubProcessFragment extends Fragment {

    private static final int PAD_X = 20;
    private static final int PAD_TOP = 36;
    private static final int PAD_BOTTOM = 30;

    private final FlowNode subProcess;
    private final Fragment body;
    private Bounds bounds;
    private int cy;

    public SubProcessFragment(FlowNode subProcess, Fragment body) {
        this.subProcess = subProcess;
        this.body = body;
    }

    @Override
    void measure() {
        body.measure();
        width = body.width + 2 * PAD_X;
        ascent = body.ascent + PAD_TOP;
        descent = body.descent + PAD_BOTTOM;
    }

    @Override
    void place(int x, int cy, Diagram diagram) {
        this.cy = cy;
        bounds = new Bounds(x, cy - ascent, width, ascent + descent);
        diagram.shape(subProcess, bounds);
        body.place(x + PAD_X, cy, diagram);
    }

    @Override
    public FlowNode entry() {
        return subProcess;
    }

    @Override
    Point entryPoint() {
        return new Point(bounds.x(), cy);
    }

    @Override
    public Exit exit() {
        return Exit.plain(subProcess);
    }

    @Override
    List<Point> exitRoute() {
        return List.of(new Point(bounds.right(), cy));
    }
}
