package io.dmflow.template.layout;

import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.bpmn.SequenceFlow;
import java.util.ArrayList;
import java.util.List;

/**
 * A loop: a task that starts the round counter, the merge gateway, a task that counts rounds, the
 * question gateway, the body, and the way back drawn under the body. The way out (the question's default
 * flow) leaves upwards and passes over the body.
 */
public final class WhileFragment extends Fragment {

    private static final int QUESTION_WIDTH = 120;
    /** Start task, merge gateway and count task come first, each followed by a gap. */
    private static final int MERGE_X = 100 + GAP;

    private static final int COUNT_X = MERGE_X + 50 + GAP;
    private static final int QUESTION_X = COUNT_X + 100 + GAP;

    private final FlowNode start;
    private final FlowNode merge;
    private final FlowNode count;
    private final FlowNode question;
    private final Fragment body;
    private final SequenceFlow begin;
    private final SequenceFlow counting;
    private final SequenceFlow enter;
    private final SequenceFlow repeat;
    private final SequenceFlow back;
    private int questionHeight;
    private int x;
    private int cy;
    private int bodyX;
    private int topLane;

    public WhileFragment(
            ProcessScope scope,
            FlowNode start,
            FlowNode merge,
            FlowNode count,
            FlowNode question,
            String condition,
            Fragment body) {
        this.start = start;
        this.merge = merge;
        this.count = count;
        this.question = question;
        this.body = body;
        this.begin = scope.connect(start, merge);
        this.counting = scope.connect(merge, count);
        this.enter = scope.connect(count, question);
        this.repeat = scope.connect(question, body.entry(), "yes", condition);
        this.back = body.exit() == null ? null : ChainFragment.connect(scope, body.exit(), merge);
    }

    @Override
    void measure() {
        body.measure();
        questionHeight = LabelMetrics.height(question.name(), QUESTION_WIDTH);
        width = QUESTION_X + Math.max(100, QUESTION_WIDTH + 10) + body.width + 40;
        ascent = Math.max(body.ascent, 40) + 24 + FlowLabels.HEIGHT;
        descent = Math.max(body.descent, 25 + 6 + questionHeight) + 24;
    }

    @Override
    void place(int x, int cy, Diagram diagram) {
        this.x = x;
        this.cy = cy;
        diagram.shape(start, new Bounds(x, cy - 40, 100, 80));
        diagram.shape(merge, new Bounds(x + MERGE_X, cy - 25, 50, 50));
        diagram.shape(count, new Bounds(x + COUNT_X, cy - 40, 100, 80));
        int qx = x + QUESTION_X;
        diagram.shape(question, new Bounds(qx, cy - 25, 50, 50));
        diagram.label(question, new Bounds(qx, cy + 25 + 6, QUESTION_WIDTH, questionHeight));
        bodyX = qx + Math.max(100, QUESTION_WIDTH + 10);
        body.place(bodyX, cy, diagram);
        diagram.edge(begin, List.of(new Point(x + 100, cy), new Point(x + MERGE_X, cy)));
        diagram.edge(counting, List.of(new Point(x + MERGE_X + 50, cy), new Point(x + COUNT_X, cy)));
        diagram.edge(enter, List.of(new Point(x + COUNT_X + 100, cy), new Point(qx, cy)));
        diagram.edge(repeat, List.of(new Point(qx + 50, cy), body.entryPoint()));
        if (back != null) {
            int lane = cy + Math.max(body.descent, 25 + 6 + questionHeight) + 16;
            List<Point> route = new ArrayList<>(body.exitRoute());
            int turn = bodyX + body.width + 15;
            route.add(new Point(turn, cy));
            route.add(new Point(turn, lane));
            route.add(new Point(x + MERGE_X + 25, lane));
            route.add(new Point(x + MERGE_X + 25, cy + 25));
            diagram.edge(back, route);
        }
        topLane = cy - Math.max(body.ascent, 40) - 16;
    }

    @Override
    public FlowNode entry() {
        return start;
    }

    @Override
    Point entryPoint() {
        return new Point(x, cy);
    }

    @Override
    public Exit exit() {
        return new Exit(question, "no", null, true);
    }

    @Override
    List<Point> exitRoute() {
        int qcx = x + QUESTION_X + 25;
        int out = bodyX + body.width + 30;
        return List.of(
                new Point(qcx, cy - 25),
                new Point(qcx, topLane),
                new Point(out, topLane),
                new Point(out, cy),
                new Point(x + width, cy));
    }
}
