package io.dmflow.template.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmflow.template.compile.TemplateCompiler;
import io.dmflow.template.support.TemplateFiles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The diagram of every golden template, read back from its BPMN DI: no two shapes overlap (except a
 * sub-process around its own content and a boundary event on its host's border), no label overlaps a
 * shape or another label, every edge starts and ends on its elements' borders and crosses no shape.
 */
class DiagramGeometryTest {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static final String DC = "http://www.omg.org/spec/DD/20100524/DC";
    private static final String DI = "http://www.omg.org/spec/DD/20100524/DI";

    record Shape(String id, String kind, Bounds bounds, String parent, String attachedTo) {}

    record Edge(String id, String source, String target, List<Point> points) {}

    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final Map<String, Bounds> labels = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();

    private void read(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc =
                factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Map<String, String[]> semantic = new HashMap<>();
        Map<String, String[]> flows = new HashMap<>();
        NodeList all = doc.getElementsByTagNameNS(BPMN, "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getLocalName().equals("sequenceFlow")) {
                flows.put(
                        e.getAttribute("id"), new String[] {e.getAttribute("sourceRef"), e.getAttribute("targetRef")});
            } else if (!e.getAttribute("id").isEmpty()) {
                Node parent = e.getParentNode();
                String parentId =
                        parent instanceof Element p && p.getLocalName().equals("subProcess")
                                ? p.getAttribute("id")
                                : null;
                semantic.put(
                        e.getAttribute("id"),
                        new String[] {e.getLocalName(), parentId, e.getAttribute("attachedToRef")});
            }
        }
        NodeList diShapes = doc.getElementsByTagNameNS(BPMNDI, "BPMNShape");
        for (int i = 0; i < diShapes.getLength(); i++) {
            Element s = (Element) diShapes.item(i);
            String id = s.getAttribute("bpmnElement");
            String[] info = semantic.get(id);
            shapes.put(id, new Shape(id, info[0], bounds(firstChild(s, DC, "Bounds")), info[1], info[2]));
            Element label = firstChild(s, BPMNDI, "BPMNLabel");
            if (label != null) {
                labels.put(id, bounds(firstChild(label, DC, "Bounds")));
            }
        }
        NodeList diEdges = doc.getElementsByTagNameNS(BPMNDI, "BPMNEdge");
        for (int i = 0; i < diEdges.getLength(); i++) {
            Element e = (Element) diEdges.item(i);
            String id = e.getAttribute("bpmnElement");
            List<Point> points = new ArrayList<>();
            NodeList waypoints = e.getElementsByTagNameNS(DI, "waypoint");
            for (int j = 0; j < waypoints.getLength(); j++) {
                Element w = (Element) waypoints.item(j);
                points.add(new Point(Integer.parseInt(w.getAttribute("x")), Integer.parseInt(w.getAttribute("y"))));
            }
            edges.add(new Edge(id, flows.get(id)[0], flows.get(id)[1], points));
            Element label = firstChild(e, BPMNDI, "BPMNLabel");
            if (label != null) {
                labels.put(id, bounds(firstChild(label, DC, "Bounds")));
            }
        }
        assertThat(shapes.keySet())
                .as("every flow node has a shape")
                .containsAll(semantic.entrySet().stream()
                        .filter(en -> isFlowNode(en.getValue()[0]))
                        .map(Map.Entry::getKey)
                        .toList());
        assertThat(edges).hasSize(flows.size());
        assertThat(shapes).hasSizeGreaterThan(10);
        assertThat(labels).isNotEmpty();
    }

    private static boolean isFlowNode(String kind) {
        return kind.endsWith("Task")
                || kind.endsWith("Event")
                || kind.endsWith("Gateway")
                || kind.equals("subProcess")
                || kind.equals("callActivity");
    }

    private static Element firstChild(Element parent, String ns, String name) {
        NodeList list = parent.getElementsByTagNameNS(ns, name);
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }

    private static Bounds bounds(Element b) {
        return new Bounds(
                Integer.parseInt(b.getAttribute("x")),
                Integer.parseInt(b.getAttribute("y")),
                Integer.parseInt(b.getAttribute("width")),
                Integer.parseInt(b.getAttribute("height")));
    }

    private boolean isAncestor(String maybeAncestor, String id) {
        String parent = shapes.get(id).parent();
        while (parent != null) {
            if (parent.equals(maybeAncestor)) {
                return true;
            }
            parent = shapes.get(parent).parent();
        }
        return false;
    }

    private String compile(String name) throws Exception {
        String xml = TemplateCompiler.compile(name + ".xml", name, TemplateFiles.read("templates/" + name + ".xml"))
                .bpmn()
                .orElseThrow();
        read(xml);
        return xml;
    }

    @ParameterizedTest
    @ValueSource(strings = {"customBackupTask", "customRestoreTask", "allTags"})
    void noTwoShapesOverlap(String name) throws Exception {
        compile(name);
        List<String> problems = new ArrayList<>();
        List<Shape> list = new ArrayList<>(shapes.values());
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                Shape a = list.get(i);
                Shape b = list.get(j);
                if (!a.bounds().overlaps(b.bounds())) {
                    continue;
                }
                if (isAncestor(a.id(), b.id()) && a.bounds().contains(b.bounds())
                        || isAncestor(b.id(), a.id()) && b.bounds().contains(a.bounds())) {
                    continue;
                }
                if (a.id().equals(b.attachedTo()) || b.id().equals(a.attachedTo())) {
                    continue;
                }
                problems.add(a.id() + " overlaps " + b.id());
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"customBackupTask", "customRestoreTask", "allTags"})
    void boundaryEventsSitOnTheirHostsBorder(String name) throws Exception {
        compile(name);
        for (Shape s : shapes.values()) {
            if (s.kind().equals("boundaryEvent")) {
                Bounds host = shapes.get(s.attachedTo()).bounds();
                Point center = new Point(s.bounds().centerX(), s.bounds().centerY());
                assertThat(onRectangleBorder(host, center))
                        .as("%s centred on the border of %s", s.id(), s.attachedTo())
                        .isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"customBackupTask", "customRestoreTask", "allTags"})
    void noLabelOverlapsAShapeOrAnotherLabel(String name) throws Exception {
        compile(name);
        List<String> problems = new ArrayList<>();
        for (var label : labels.entrySet()) {
            String owner = label.getKey();
            Shape ownerShape = shapes.get(owner);
            String ownerParent = ownerShape != null ? ownerShape.parent() : edgeParent(owner);
            for (Shape s : shapes.values()) {
                if (!label.getValue().overlaps(s.bounds())) {
                    continue;
                }
                boolean insideItsSubProcess = s.kind().equals("subProcess")
                        && s.bounds().contains(label.getValue())
                        && (s.id().equals(ownerParent) || (ownerParent != null && isAncestor(s.id(), ownerParent)));
                if (!insideItsSubProcess) {
                    problems.add("label of " + owner + " overlaps shape " + s.id());
                }
            }
            for (var other : labels.entrySet()) {
                if (other.getKey().compareTo(owner) > 0 && label.getValue().overlaps(other.getValue())) {
                    problems.add("label of " + owner + " overlaps label of " + other.getKey());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private String edgeParent(String edgeId) {
        return edges.stream()
                .filter(e -> e.id().equals(edgeId))
                .findFirst()
                .map(e -> shapes.get(e.source()).parent())
                .orElse(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"customBackupTask", "customRestoreTask", "allTags"})
    void everyEdgeStartsAndEndsOnItsElementsBorders(String name) throws Exception {
        compile(name);
        List<String> problems = new ArrayList<>();
        for (Edge e : edges) {
            assertThat(e.points()).as(e.id()).hasSizeGreaterThanOrEqualTo(2);
            if (!onBorder(shapes.get(e.source()), e.points().get(0))) {
                problems.add(e.id() + " starts off the border of " + e.source() + " at "
                        + e.points().get(0));
            }
            if (!onBorder(shapes.get(e.target()), e.points().get(e.points().size() - 1))) {
                problems.add(e.id() + " ends off the border of " + e.target() + " at "
                        + e.points().get(e.points().size() - 1));
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"customBackupTask", "customRestoreTask", "allTags"})
    void edgesAreStraightSegmentsThatCrossNoOtherShape(String name) throws Exception {
        compile(name);
        List<String> problems = new ArrayList<>();
        for (Edge e : edges) {
            for (int i = 0; i + 1 < e.points().size(); i++) {
                Point a = e.points().get(i);
                Point b = e.points().get(i + 1);
                if (a.x() != b.x() && a.y() != b.y()) {
                    problems.add(e.id() + " has a diagonal segment " + a + " - " + b);
                }
                for (Shape s : shapes.values()) {
                    if (s.id().equals(e.source())
                            || s.id().equals(e.target())
                            || s.kind().equals("subProcess")
                                    && (isAncestor(s.id(), e.source()) || isAncestor(s.id(), e.target()))) {
                        continue;
                    }
                    if (segmentEntersInterior(a, b, s.bounds())) {
                        problems.add(e.id() + " crosses " + s.id());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static boolean segmentEntersInterior(Point a, Point b, Bounds r) {
        int minX = Math.min(a.x(), b.x());
        int maxX = Math.max(a.x(), b.x());
        int minY = Math.min(a.y(), b.y());
        int maxY = Math.max(a.y(), b.y());
        return minX < r.right() && maxX > r.x() && minY < r.bottom() && maxY > r.y();
    }

    private static boolean onBorder(Shape shape, Point p) {
        Bounds b = shape.bounds();
        double cx = b.x() + b.width() / 2.0;
        double cy = b.y() + b.height() / 2.0;
        if (shape.kind().endsWith("Event")) {
            return Math.abs(Math.hypot(p.x() - cx, p.y() - cy) - b.width() / 2.0) <= 1.0;
        }
        if (shape.kind().endsWith("Gateway")) {
            return Math.abs(Math.abs(p.x() - cx) / (b.width() / 2.0) + Math.abs(p.y() - cy) / (b.height() / 2.0) - 1)
                    <= 0.03;
        }
        return onRectangleBorder(b, p);
    }

    private static boolean onRectangleBorder(Bounds b, Point p) {
        boolean onVertical = (p.x() == b.x() || p.x() == b.right()) && p.y() >= b.y() && p.y() <= b.bottom();
        boolean onHorizontal = (p.y() == b.y() || p.y() == b.bottom()) && p.x() >= b.x() && p.x() <= b.right();
        return onVertical || onHorizontal;
    }
}
