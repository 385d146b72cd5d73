package io.dmflow.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.bpmn.Diagram.Box;
import io.dmflow.bpmn.Diagram.Edge;
import io.dmflow.bpmn.Diagram.Point;
import io.dmflow.bpmn.Diagram.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same geometric rules the compiled templates follow, for the hand-drawn flows: no two shapes overlap (but a
 * sub-process around its content and a boundary event on its host), boundary events sit on their host's border, no
 * label overlaps a shape or another label, every edge starts and ends on its elements' borders and runs in straight
 * horizontal and vertical segments that cross no other shape.
 */
class DiagramGeometryTest {

    static List<String> files() {
        return BuiltInFlowFiles.listed();
    }

    private static Diagram diagram(String file) throws Exception {
        return Diagram.read(BuiltInFlowFiles.text("bpmn/" + file));
    }

    @ParameterizedTest
    @MethodSource("files")
    void noTwoShapesOverlap(String file) throws Exception {
        Diagram diagram = diagram(file);
        List<Shape> shapes = List.copyOf(diagram.shapes().values());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            for (int j = i + 1; j < shapes.size(); j++) {
                Shape a = shapes.get(i);
                Shape b = shapes.get(j);
                boolean nested = diagram.isAncestor(a.id(), b.id())
                                && a.bounds().contains(b.bounds())
                        || diagram.isAncestor(b.id(), a.id()) && b.bounds().contains(a.bounds());
                boolean attached = a.id().equals(b.attachedTo()) || b.id().equals(a.attachedTo());
                if (a.bounds().overlaps(b.bounds()) && !nested && !attached) {
                    problems.add(a.id() + " overlaps " + b.id());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("files")
    void boundaryEventsSitOnTheirHostsBorder(String file) throws Exception {
        Diagram diagram = diagram(file);
        List<String> problems = new ArrayList<>();
        for (Shape shape : diagram.shapes().values()) {
            if (shape.attachedTo() != null) {
                Box host = diagram.shapes().get(shape.attachedTo()).bounds();
                if (!host.hasOnBorder(shape.bounds().center())) {
                    problems.add(shape.id() + " is not centred on the border of " + shape.attachedTo());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("files")
    void noLabelOverlapsAShapeOrAnotherLabel(String file) throws Exception {
        Diagram diagram = diagram(file);
        List<String> problems = new ArrayList<>();
        List<Map.Entry<String, Box>> labels = List.copyOf(diagram.labels().entrySet());
        for (int i = 0; i < labels.size(); i++) {
            String owner = labels.get(i).getKey();
            Box label = labels.get(i).getValue();
            for (Shape shape : diagram.shapes().values()) {
                boolean insideItsSubProcess = shape.kind().equals("subProcess")
                        && shape.bounds().contains(label)
                        && diagram.isWithin(owner, shape.id());
                if (label.overlaps(shape.bounds()) && !insideItsSubProcess) {
                    problems.add("label of " + owner + " overlaps " + shape.id());
                }
            }
            for (int j = i + 1; j < labels.size(); j++) {
                if (label.overlaps(labels.get(j).getValue())) {
                    problems.add("label of " + owner + " overlaps the label of "
                            + labels.get(j).getKey());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("files")
    void edgesRunFromBorderToBorderInStraightSegmentsThatCrossNoShape(String file) throws Exception {
        Diagram diagram = diagram(file);
        List<String> problems = new ArrayList<>();
        for (Edge edge : diagram.edges()) {
            List<Point> points = edge.points();
            if (!diagram.shapes().get(edge.source()).hasOnOutline(points.get(0))) {
                problems.add(edge.id() + " starts off the border of " + edge.source());
            }
            if (!diagram.shapes().get(edge.target()).hasOnOutline(points.get(points.size() - 1))) {
                problems.add(edge.id() + " ends off the border of " + edge.target());
            }
            for (int i = 0; i + 1 < points.size(); i++) {
                Point a = points.get(i);
                Point b = points.get(i + 1);
                if (a.x() != b.x() && a.y() != b.y()) {
                    problems.add(edge.id() + " has a diagonal segment " + a + " - " + b);
                }
                for (Shape shape : diagram.shapes().values()) {
                    boolean own = shape.id().equals(edge.source())
                            || shape.id().equals(edge.target())
                            || shape.kind().equals("subProcess")
                                    && (diagram.isAncestor(shape.id(), edge.source())
                                            || diagram.isAncestor(shape.id(), edge.target()));
                    if (!own && shape.bounds().isEnteredBy(a, b)) {
                        problems.add(edge.id() + " crosses " + shape.id());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
