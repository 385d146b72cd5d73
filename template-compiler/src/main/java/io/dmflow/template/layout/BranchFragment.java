package io.dmflow.template.layout;

import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.NodeKind;
import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.bpmn.SequenceFlow;
import java.util.ArrayList;
import java.util.List;

/**
 * An exclusive choice: the "yes" branch straight on, the "no" branch (the default flow) below it, both
 * joined again unless they end the process. The question is written above the split gateway.
 */
public final class BranchFragment extends Fragment {

    static final int QUESTION_WIDTH = 150;
    private static final int ROW_GAP = 40;

    private final FlowNode split;
    private final Fragment yes;
    private final Fragment no;
    private FlowNode join;
    private final SequenceFlow yesFlow;
    private final SequenceFlow noFlow;
    private SequenceFlow yesJoin;
    private SequenceFlow noJoin;

    private int questionHeight;
    private int branchX;
    private int x;
    private int cy;
    private Bounds joinBounds;

    /** Either branch may be null (nothing to do on that side). */
    public BranchFragment(
            ProcessScope scope, FlowNode split, String condition, Fragment yes, Fragment no, String joinId) {
        this.split = split;
        this.yes = yes;
        this.no = no;
        boolean yesContinues = yes == null || yes.exit() != null;
        boolean noContinues = no == null || no.exit() != null;
        if (yesContinues || noContinues) {
            join = scope.add(joinId, NodeKind.EXCLUSIVE_GATEWAY, null);
        }
        yesFlow = scope.connect(split, yes != null ? yes.entry() : join, "yes", condition);
        noFlow = scope.connectDefault(split, no != null ? no.entry() : join, "no");
        if (yes != null && yes.exit() != null) {
            yesJoin = ChainFragment.connect(scope, yes.exit(), join);
        }
        if (no != null && no.exit() != null) {
            noJoin = ChainFragment.connect(scope, no.exit(), join);
        }
    }

    @Override
    void measure() {
        questionHeight = split.name() == null ? 0 : LabelMetrics.height(split.name(), QUESTION_WIDTH);
        int yesWidth = 0;
        int noWidth = 0;
        ascent = 25 + 6 + questionHeight;
        int yesDescent = 25 + 20;
        if (yes != null) {
            yes.measure();
            yesWidth = yes.width;
            ascent = Math.max(ascent, yes.ascent);
            yesDescent = Math.max(yesDescent, yes.descent);
        }
        if (no != null) {
            no.measure();
            noWidth = no.width;
            descent = yesDescent + ROW_GAP + no.ascent + no.descent;
        } else {
            descent = yesDescent + 30 + 4;
        }
        int splitToBranch = Math.max(100, QUESTION_WIDTH + 10);
        width = splitToBranch + Math.max(Math.max(yesWidth, noWidth), 60) + (join != null ? GAP + 50 : 0);
    }

    @Override
    void place(int x, int cy, Diagram diagram) {
        this.x = x;
        this.cy = cy;
        Bounds splitBounds = new Bounds(x, cy - 25, 50, 50);
        diagram.shape(split, splitBounds);
        if (split.name() != null) {
            diagram.label(split, new Bounds(x, cy - 25 - 6 - questionHeight, QUESTION_WIDTH, questionHeight));
        }
        branchX = x + Math.max(100, QUESTION_WIDTH + 10);
        int yesDescent = 25 + 20;
        if (yes != null) {
            yes.place(branchX, cy, diagram);
            yesDescent = Math.max(yesDescent, yes.descent);
        }
        int joinX = x + width - 50;
        if (join != null) {
            joinBounds = new Bounds(joinX, cy - 25, 50, 50);
            diagram.shape(join, joinBounds);
        }
        Point splitBottom = new Point(x + 25, cy + 25);
        Point joinBottom = new Point(joinX + 25, cy + 25);
        diagram.edge(yesFlow, List.of(new Point(x + 50, cy), yes != null ? yes.entryPoint() : new Point(joinX, cy)));
        if (yesJoin != null) {
            List<Point> route = new ArrayList<>(yes.exitRoute());
            route.add(new Point(joinX, cy));
            diagram.edge(yesJoin, route);
        }
        if (no != null) {
            int rowY = cy + yesDescent + ROW_GAP + no.ascent;
            no.place(branchX, rowY, diagram);
            diagram.edge(noFlow, List.of(splitBottom, new Point(x + 25, rowY), no.entryPoint()));
            if (noJoin != null) {
                List<Point> route = new ArrayList<>(no.exitRoute());
                route.add(new Point(joinX + 25, rowY));
                route.add(joinBottom);
                diagram.edge(noJoin, route);
            }
        } else {
            int laneY = cy + yesDescent + 30;
            diagram.edge(
                    noFlow, List.of(splitBottom, new Point(x + 25, laneY), new Point(joinX + 25, laneY), joinBottom));
        }
    }

    @Override
    public FlowNode entry() {
        return split;
    }

    @Override
    Point entryPoint() {
        return new Point(x, cy);
    }

    @Override
    public Exit exit() {
        return join == null ? null : Exit.plain(join);
    }

    @Override
    List<Point> exitRoute() {
        return List.of(new Point(joinBounds.right(), cy), new Point(x + width, cy));
    }
}
