package io.dmflow.template.layout;

import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.bpmn.SequenceFlow;
import java.util.ArrayList;
import java.util.List;

/** Fragments one after the other, each connected to the next by a sequence flow. */
public final class ChainFragment extends Fragment {

    private final List<Fragment> parts;
    private final List<SequenceFlow> links = new ArrayList<>();

    /** Connects the parts in the given scope; every part but the last must have an exit. */
    public ChainFragment(ProcessScope scope, List<Fragment> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a chain needs at least one fragment");
        }
        this.parts = List.copyOf(parts);
        for (int i = 0; i + 1 < parts.size(); i++) {
            links.add(connect(scope, parts.get(i).exit(), parts.get(i + 1).entry()));
        }
    }

    static SequenceFlow connect(ProcessScope scope, Exit exit, FlowNode target) {
        if (exit.isDefault()) {
            return scope.connectDefault(exit.source(), target, exit.name());
        }
        return scope.connect(exit.source(), target, exit.name(), exit.condition());
    }

    @Override
    void measure() {
        width = 0;
        ascent = 0;
        descent = 0;
        for (Fragment part : parts) {
            part.measure();
            width += part.width;
            ascent = Math.max(ascent, part.ascent);
            descent = Math.max(descent, part.descent);
        }
        width += GAP * (parts.size() - 1);
    }

    @Override
    void place(int x, int cy, Diagram diagram) {
        int at = x;
        for (Fragment part : parts) {
            part.place(at, cy, diagram);
            at += part.width + GAP;
        }
        for (int i = 0; i < links.size(); i++) {
            List<Point> route = new ArrayList<>(parts.get(i).exitRoute());
            route.add(parts.get(i + 1).entryPoint());
            diagram.edge(links.get(i), route);
        }
    }

    @Override
    public FlowNode entry() {
        return parts.get(0).entry();
    }

    @Override
    Point entryPoint() {
        return parts.get(0).entryPoint();
    }

    @Override
    public Exit exit() {
        return parts.get(parts.size() - 1).exit();
    }

    @Override
    List<Point> exitRoute() {
        return parts.get(parts.size() - 1).exitRoute();
    }
}
