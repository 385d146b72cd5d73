package io.dmflow.template.layout;

import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.bpmn.SequenceFlow;
import java.util.List;

/**
 * A device step in the resumption pattern: retry gateway, the step, and under it the downlink-failure
 * boundary leading to the wait for the device (contact loops back to the retry gateway, timeout ends in
 * an error).
 */
public final class ResumableStepFragment extends Fragment {

    /** The nodes of the pattern, created by the compiler. */
    public record Nodes(
            FlowNode retry,
            FlowNode step,
            FlowNode downlinkFailure,
            FlowNode waitForDevice,
            FlowNode deviceContact,
            FlowNode timeout,
            FlowNode unreachable) {}

    private static final int LABEL_WIDTH = 80;
    private static final int LABEL_HEIGHT = 32;

    private final Nodes n;
    private final SequenceFlow retryToStep;
    private final SequenceFlow failureToWait;
    private final SequenceFlow waitToContact;
    private final SequenceFlow waitToTimeout;
    private final SequenceFlow contactToRetry;
    private final SequenceFlow timeoutToEnd;
    private int x;
    private int cy;

    public ResumableStepFragment(ProcessScope scope, Nodes nodes) {
        this.n = nodes;
        retryToStep = scope.connect(n.retry(), n.step());
        failureToWait = scope.connect(n.downlinkFailure(), n.waitForDevice());
        waitToContact = scope.connect(n.waitForDevice(), n.deviceContact());
        waitToTimeout = scope.connect(n.waitForDevice(), n.timeout());
        contactToRetry = scope.connect(n.deviceContact(), n.retry());
        timeoutToEnd = scope.connect(n.timeout(), n.unreachable());
    }

    private int stepWidth() {
        return ActivitySize.width(n.step().name());
    }

    @Override
    void measure() {
        int taskCx = 100 + stepWidth() / 2;
        width = Math.max(taskCx + 224, 100 + stepWidth() + 10);
        ascent = 40;
        descent = 133 + 25 + 6 + LABEL_HEIGHT;
    }

    @Override
    void place(int x, int cy, Diagram d) {
        this.x = x;
        this.cy = cy;
        int stepWidth = stepWidth();
        int taskCx = x + 100 + stepWidth / 2;
        int row2 = cy + 133;
        d.shape(n.retry(), new Bounds(x, cy - 25, 50, 50));
        d.shape(n.step(), new Bounds(x + 100, cy - 40, stepWidth, 80));
        d.shape(n.downlinkFailure(), new Bounds(taskCx - 18, cy + 22, 36, 36));
        d.label(n.downlinkFailure(), new Bounds(taskCx + 22, cy + 60, LABEL_WIDTH, LABEL_HEIGHT));
        d.shape(n.waitForDevice(), new Bounds(taskCx - 25, row2 - 25, 50, 50));
        d.label(n.waitForDevice(), new Bounds(taskCx - 40, row2 + 31, LABEL_WIDTH, LABEL_HEIGHT));
        d.shape(n.deviceContact(), new Bounds(x + 7, row2 - 18, 36, 36));
        d.label(n.deviceContact(), new Bounds(x, row2 + 24, LABEL_WIDTH - 10, LABEL_HEIGHT));
        d.shape(n.timeout(), new Bounds(taskCx + 75, row2 - 18, 36, 36));
        d.label(n.timeout(), new Bounds(taskCx + 53, row2 + 24, LABEL_WIDTH, LABEL_HEIGHT));
        d.shape(n.unreachable(), new Bounds(taskCx + 161, row2 - 18, 36, 36));
        d.label(n.unreachable(), new Bounds(taskCx + 139, row2 + 24, LABEL_WIDTH, LABEL_HEIGHT));

        d.edge(retryToStep, List.of(new Point(x + 50, cy), new Point(x + 100, cy)));
        d.edge(failureToWait, List.of(new Point(taskCx, cy + 58), new Point(taskCx, row2 - 25)));
        d.edge(waitToContact, List.of(new Point(taskCx - 25, row2), new Point(x + 43, row2)));
        d.edge(waitToTimeout, List.of(new Point(taskCx + 25, row2), new Point(taskCx + 75, row2)));
        d.edge(contactToRetry, List.of(new Point(x + 25, row2 - 18), new Point(x + 25, cy + 25)));
        d.edge(timeoutToEnd, List.of(new Point(taskCx + 111, row2), new Point(taskCx + 161, row2)));
    }

    @Override
    public FlowNode entry() {
        return n.retry();
    }

    @Override
    Point entryPoint() {
        return new Point(x, cy);
    }

    @Override
    public Exit exit() {
        return Exit.plain(n.step());
    }

    @Override
    List<Point> exitRoute() {
        return List.of(new Point(x + 100 + stepWidth(), cy), new Point(x + width, cy));
    }
}
