package io.dmflow.template.layout;

import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.bpmn.SequenceFlow;
import java.util.ArrayList;
import java.util.List;

/**
 * A loop: merge gateway, question gateway, body, and the way back drawn under the body. The way out
 * (the question's default flow) leaves upwards and passes over the body.
 */
public final class WhileFragment extends Fragment {

    private static final int QUESTION_WIDTH = 120;

    private final FlowNode merge;
    private final FlowNode question;
    private final Fragment body;
    private final SequenceFlow enter;
    private final SequenceFlow repeat;
    private final SequenceFlow back;
    private int questionHeight;
    private int x;
    private int cy;
    private int bodyX;
    private int topLane;

    public WhileFragment(ProcessScope scope, FlowNode merge, FlowNode question, String condition, Fragment body) {
        this.merge = merge;
        this.question = question;
        this.body = body;
        this.enter = scope.connect(merge, question);
        this.repeat = scope.connect(question, body.entry(), "yes", condition);
        this.back = body.exit() == null ? null : ChainFragment.connect(scope, body.exit(), merge);
    }

    @Override
    void measure() {
        body.measure();
        questionHeight = LabelMetrics.height(question.name(), QUESTION_WIDTH);
        width = 50 + GAP + Math.max(100, QUESTION_WIDTH + 10) + body.width + 40;
        ascent = Math.max(body.ascent, 25) + 24 + FlowLabels.HEIGHT;
        descent = Math.max(body.descent, 25 + 6 + questionHeight) + 24;
    }

    @Override
    void place(int x, int cy, Diagram diagram) {
        this.x = x;
        this.cy = cy;
        diagram.shape(merge, new Bounds(x, cy - 25, 50, 50));
        int qx = x + 50 + GAP;
        diagram.shape(question, new Bounds(qx, cy - 25, 50, 50));
        diagram.label(question, new Bounds(qx, cy + 25 + 6, QUESTION_WIDTH, questionHeight));
        bodyX = qx + Math.max(100, QUESTION_WIDTH + 10);
        body.place(bodyX, cy, diagram);
        diagram.edge(enter, List.of(new Point(x + 50, cy), new Point(qx, cy)));
        diagram.edge(repeat, List.of(new Point(qx + 50, cy), body.entryPoint()));
        if (back != null) {
            int lane = cy + Math.max(body.descent, 25 + 6 + questionHeight) + 16;
            List<Point> route = new ArrayList<>(body.exitRoute());
            int turn = bodyX + body.width + 15;
            route.add(new Point(turn, cy));
            route.add(new Point(turn, lane));
            route.add(new Point(x + 25, lane));
            route.add(new Point(x + 25, cy + 25));
            diagram.edge(back, route);
        }
        topLane = cy - Math.max(body.ascent, 25) - 16;
    }

    @Override
    public FlowNode entry() {
        return merge;
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
        int qcx = x + 50 + GAP + 25;
        int out = bodyX + body.width + 30;
        return List.of(new Point(qcx, cy - 25), new Point(qcx, topLane), new Point(out, topLane), new Point(out, cy),
                new Point(x + width, cy));
    }
}
