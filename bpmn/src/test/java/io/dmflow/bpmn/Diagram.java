package io.dmflow.bpmn;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A BPMN file's drawing as its DI describes it: shapes, labels and edges, with where each element sits in the model. */
record Diagram(Map<String, Shape> shapes, Map<String, Box> labels, List<Edge> edges, Map<String, String> parents) {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static final String DC = "http://www.omg.org/spec/DD/20100524/DC";
    private static final String DI = "http://www.omg.org/spec/DD/20100524/DI";

    record Point(int x, int y) {}

    /** An axis-aligned rectangle; y grows downwards. */
    record Box(int x, int y, int width, int height) {

        boolean overlaps(Box o) {
            return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
        }

        boolean contains(Box o) {
            return o.x >= x && o.x + o.width <= x + width && o.y >= y && o.y + o.height <= y + height;
        }

        Point center() {
            return new Point(x + width / 2, y + height / 2);
        }

        boolean hasOnBorder(Point p) {
            boolean onVertical = (p.x() == x || p.x() == x + width) && p.y() >= y && p.y() <= y + height;
            boolean onHorizontal = (p.y() == y || p.y() == y + height) && p.x() >= x && p.x() <= x + width;
            return onVertical || onHorizontal;
        }

        /** Whether the segment a-b passes through the inside of this box. */
        boolean isEnteredBy(Point a, Point b) {
            return Math.min(a.x(), b.x()) < x + width
                    && Math.max(a.x(), b.x()) > x
                    && Math.min(a.y(), b.y()) < y + height
                    && Math.max(a.y(), b.y()) > y;
        }
    }

    /** A drawn element: its BPMN kind (local name), bounds, and the host it is attached to, if a boundary event. */
    record Shape(String id, String kind, Box bounds, String attachedTo) {

        /** Whether p lies on the element's outline: a circle for events, a diamond for gateways, else the box. */
        boolean hasOnOutline(Point p) {
            double cx = bounds.x() + bounds.width() / 2.0;
            double cy = bounds.y() + bounds.height() / 2.0;
            if (kind.endsWith("Event")) {
                return Math.abs(Math.hypot(p.x() - cx, p.y() - cy) - bounds.width() / 2.0) <= 1.0;
            }
            if (kind.endsWith("Gateway")) {
                return Math.abs(Math.abs(p.x() - cx) / (bounds.width() / 2.0)
                                + Math.abs(p.y() - cy) / (bounds.height() / 2.0)
                                - 1)
                        <= 0.03;
            }
            return bounds.hasOnBorder(p);
        }
    }

    record Edge(String id, String source, String target, List<Point> points) {}

    static Diagram read(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc =
                factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Map<String, Element> semantic = new HashMap<>();
        Map<String, String> parents = new HashMap<>();
        NodeList all = doc.getElementsByTagNameNS(BPMN, "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (!element.getAttribute("id").isEmpty()) {
                semantic.put(element.getAttribute("id"), element);
                if (element.getParentNode() instanceof Element parent
                        && parent.getLocalName().equals("subProcess")) {
                    parents.put(element.getAttribute("id"), parent.getAttribute("id"));
                }
            }
        }
        Map<String, Shape> shapes = new LinkedHashMap<>();
        Map<String, Box> labels = new LinkedHashMap<>();
        NodeList diShapes = doc.getElementsByTagNameNS(BPMNDI, "BPMNShape");
        for (int i = 0; i < diShapes.getLength(); i++) {
            Element shape = (Element) diShapes.item(i);
            String id = shape.getAttribute("bpmnElement");
            Element element = semantic.get(id);
            String host = element.getAttribute("attachedToRef");
            shapes.put(
                    id,
                    new Shape(
                            id, element.getLocalName(), box(first(shape, DC, "Bounds")), host.isEmpty() ? null : host));
            label(shape).ifPresent(label -> labels.put(id, label));
        }
        List<Edge> edges = new ArrayList<>();
        NodeList diEdges = doc.getElementsByTagNameNS(BPMNDI, "BPMNEdge");
        for (int i = 0; i < diEdges.getLength(); i++) {
            Element edge = (Element) diEdges.item(i);
            String id = edge.getAttribute("bpmnElement");
            Element flow = semantic.get(id);
            List<Point> points = new ArrayList<>();
            NodeList waypoints = edge.getElementsByTagNameNS(DI, "waypoint");
            for (int j = 0; j < waypoints.getLength(); j++) {
                Element waypoint = (Element) waypoints.item(j);
                points.add(new Point(
                        Integer.parseInt(waypoint.getAttribute("x")), Integer.parseInt(waypoint.getAttribute("y"))));
            }
            edges.add(new Edge(id, flow.getAttribute("sourceRef"), flow.getAttribute("targetRef"), points));
            label(edge).ifPresent(label -> labels.put(id, label));
        }
        return new Diagram(shapes, labels, edges, parents);
    }

    /** Whether sub-process {@code ancestor} contains element {@code id}, at any depth. */
    boolean isAncestor(String ancestor, String id) {
        for (String parent = parents.get(id); parent != null; parent = parents.get(parent)) {
            if (parent.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the element (or the source of the edge) named {@code id} sits in sub-process {@code subProcess}. */
    boolean isWithin(String id, String subProcess) {
        String element = edges.stream()
                .filter(edge -> edge.id().equals(id))
                .map(Edge::source)
                .findFirst()
                .orElse(id);
        return isAncestor(subProcess, element);
    }

    private static Optional<Box> label(Element di) {
        Element label = first(di, BPMNDI, "BPMNLabel");
        return label == null ? Optional.empty() : Optional.of(box(first(label, DC, "Bounds")));
    }

    private static Element first(Element parent, String ns, String name) {
        NodeList list = parent.getElementsByTagNameNS(ns, name);
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }

    private static Box box(Element bounds) {
        return new Box(
                Integer.parseInt(bounds.getAttribute("x")),
                Integer.parseInt(bounds.getAttribute("y")),
                Integer.parseInt(bounds.getAttribute("width")),
                Integer.parseInt(bounds.getAttribute("height")));
    }
}
