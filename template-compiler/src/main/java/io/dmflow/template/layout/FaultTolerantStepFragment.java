package io.dmflow.template.layout;

import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.bpmn.SequenceFlow;
import java.util.List;

/** A device step whose faults are only logged: the error boundary leads to a log task that rejoins the flow. */
public final class FaultTolerantStepFragment extends Fragment {

    private final FlowNode step;
    private final FlowNode fault;
    private final FlowNode logFault;
    private final FlowNode join;
    private final SequenceFlow stepToJoin;
    private final SequenceFlow faultToLog;
    private final SequenceFlow logToJoin;
    private int x;
    private int cy;

    public FaultTolerantStepFragment(
            ProcessScope scope, FlowNode step, FlowNode fault, FlowNode logFault, FlowNode join) {
        this.step = step;
        this.fault = fault;
        this.logFault = logFault;
        this.join = join;
        stepToJoin = scope.connect(step, join);
        faultToLog = scope.connect(fault, logFault);
        logToJoin = scope.connect(logFault, join);
    }

    private int stepWidth() {
        return ActivitySize.width(step.name());
    }

    @Override
    void measure() {
        width = stepWidth() + 110;
        ascent = 40;
        descent = 178;
    }

    @Override
    void place(int x, int cy, Diagram d) {
        this.x = x;
        this.cy = cy;
        int w = stepWidth();
        int row2 = cy + 138;
        int joinX = x + w + 50;
        d.shape(step, new Bounds(x, cy - 40, w, 80));
        d.shape(fault, new Bounds(x + 32, cy + 22, 36, 36));
        d.label(fault, new Bounds(x + 72, cy + 62, 70, 18));
        d.shape(logFault, new Bounds(x, row2 - 40, 100, 80));
        d.shape(join, new Bounds(joinX, cy - 25, 50, 50));
        d.edge(stepToJoin, List.of(new Point(x + w, cy), new Point(joinX, cy)));
        d.edge(faultToLog, List.of(new Point(x + 50, cy + 58), new Point(x + 50, row2 - 40)));
        d.edge(
                logToJoin,
                List.of(new Point(x + 100, row2), new Point(joinX + 25, row2), new Point(joinX + 25, cy + 25)));
    }

    @Override
    public FlowNode entry() {
        return step;
    }

    @Override
    Point entryPoint() {
        return new Point(x, cy);
    }

    @Override
    public Exit exit() {
        return Exit.plain(join);
    }

    @Override
    List<Point> exitRoute() {
        return List.of(new Point(x + stepWidth() + 100, cy), new Point(x + width, cy));
    }
}
