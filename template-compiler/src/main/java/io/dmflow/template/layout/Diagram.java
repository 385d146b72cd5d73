package io.dmflow.template.layout;

import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.SequenceFlow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where every shape, label and edge of a process is drawn: the content of its BPMN DI. */
public final class Diagram {

    private final Map<String, Bounds> shapes = new LinkedHashMap<>();
    private final Map<String, Bounds> labels = new LinkedHashMap<>();
    private final Map<String, List<Point>> edges = new LinkedHashMap<>();
    private final Map<String, Bounds> edgeLabels = new LinkedHashMap<>();

    void shape(FlowNode node, Bounds bounds) {
        shapes.put(node.id(), bounds);
    }

    void label(FlowNode node, Bounds bounds) {
        labels.put(node.id(), bounds);
    }

    void edge(SequenceFlow flow, List<Point> waypoints) {
        List<Point> cleaned = new ArrayList<>();
        for (Point p : waypoints) {
            if (!cleaned.isEmpty() && cleaned.get(cleaned.size() - 1).equals(p)) {
                continue;
            }
            // drop the middle of three points on one straight line
            if (cleaned.size() >= 2) {
                Point a = cleaned.get(cleaned.size() - 2);
                Point b = cleaned.get(cleaned.size() - 1);
                if ((a.x() == b.x() && b.x() == p.x()) || (a.y() == b.y() && b.y() == p.y())) {
                    cleaned.remove(cleaned.size() - 1);
                }
            }
            cleaned.add(p);
        }
        edges.put(flow.id(), cleaned);
        if (flow.name() != null && !flow.name().isEmpty() && cleaned.size() >= 2) {
            edgeLabels.put(flow.id(), FlowLabels.place(flow.name(), cleaned.get(0), cleaned.get(1)));
        }
    }

    public Bounds shape(String id) {
        return shapes.get(id);
    }

    public Map<String, Bounds> shapes() {
        return shapes;
    }

    public Map<String, Bounds> labels() {
        return labels;
    }

    public Map<String, List<Point>> edges() {
        return edges;
    }

    public Map<String, Bounds> edgeLabels() {
        return edgeLabels;
    }
}
