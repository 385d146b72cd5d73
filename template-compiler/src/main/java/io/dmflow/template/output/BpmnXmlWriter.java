package io.dmflow.template.output;

import io.dmflow.contract.MessageName;
import io.dmflow.template.bpmn.EventDefinition;
import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.NodeKind;
import io.dmflow.template.bpmn.ProcessErrors;
import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.bpmn.SequenceFlow;
import io.dmflow.template.layout.Bounds;
import io.dmflow.template.layout.Point;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Writes BPMN 2.0 XML in the Zeebe dialect with its DI. Written by hand rather than through the model
 * API so that namespace prefixes, attribute order and whitespace never vary: identical templates give
 * identical bytes, and the files diff well.
 */
public final class BpmnXmlWriter {

    public static final String MESSAGE_DEVICE_CONTACT = "Message_DeviceContact";
    private static final String EXECUTION_PLATFORM_VERSION = "8.9.0";

    private final StringBuilder out = new StringBuilder();
    private final BpmnDocument document;
    private final Set<ProcessErrors.Code> errors = EnumSet.noneOf(ProcessErrors.Code.class);
    private boolean usesDeviceContact;

    private BpmnXmlWriter(BpmnDocument document) {
        this.document = document;
    }

    public static String write(BpmnDocument document) {
        return new BpmnXmlWriter(document).definitions();
    }

    private String definitions() {
        collectReferences(document.process());
        line(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        line(
                0,
                "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
                        + " xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\""
                        + " xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\""
                        + " xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\""
                        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                        + " xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\""
                        + " xmlns:modeler=\"http://camunda.org/schema/modeler/1.0\""
                        + " id=\"Definitions_" + attr(document.processId()) + "\""
                        + " targetNamespace=\"http://bpmn.io/schema/bpmn\""
                        + " exporter=\"dmflow template-compiler\" exporterVersion=\"0.1.0\""
                        + " modeler:executionPlatform=\"Camunda Cloud\""
                        + " modeler:executionPlatformVersion=\"" + EXECUTION_PLATFORM_VERSION + "\">");
        for (ProcessErrors.Code code : errors) {
            line(
                    1,
                    "<bpmn:error id=\"" + code.id() + "\" name=\"" + attr(code.label()) + "\" errorCode=\""
                            + attr(code.errorCode()) + "\" />");
        }
        if (usesDeviceContact) {
            line(
                    1,
                    "<bpmn:message id=\"" + MESSAGE_DEVICE_CONTACT + "\" name=\"" + attr(MessageName.DEVICE_CONTACT)
                            + "\">");
            line(2, "<bpmn:extensionElements>");
            line(
                    3,
                    "<zeebe:subscription correlationKey=\"" + attr(MessageName.DEVICE_CONTACT_KEY_EXPRESSION)
                            + "\" />");
            line(2, "</bpmn:extensionElements>");
            line(1, "</bpmn:message>");
        }
        line(
                1,
                "<bpmn:process id=\"" + attr(document.processId()) + "\" name=\"" + attr(document.processName())
                        + "\" isExecutable=\"true\">");
        if (document.documentation() != null) {
            line(2, "<bpmn:documentation>" + XmlText.escape(document.documentation()) + "</bpmn:documentation>");
        }
        scope(document.process(), 2);
        line(1, "</bpmn:process>");
        line(1, "<bpmndi:BPMNDiagram id=\"BPMNDiagram_" + attr(document.processId()) + "\">");
        line(
                2,
                "<bpmndi:BPMNPlane id=\"BPMNPlane_" + attr(document.processId()) + "\" bpmnElement=\""
                        + attr(document.processId()) + "\">");
        shapes(document.process());
        edges(document.process());
        line(2, "</bpmndi:BPMNPlane>");
        line(1, "</bpmndi:BPMNDiagram>");
        line(0, "</bpmn:definitions>");
        return out.toString();
    }

    private void collectReferences(ProcessScope scope) {
        for (FlowNode node : scope.nodes()) {
            if (node.eventDefinition() instanceof EventDefinition.Error e && e.error() != null) {
                errors.add(e.error());
            }
            if (node.eventDefinition() instanceof EventDefinition.Message) {
                usesDeviceContact = true;
            }
            if (node.children() != null) {
                collectReferences(node.children());
            }
        }
    }

    private void scope(ProcessScope scope, int depth) {
        for (FlowNode node : scope.nodes()) {
            node(scope, node, depth);
        }
        for (SequenceFlow flow : scope.flows()) {
            flow(flow, depth);
        }
    }

    private void node(ProcessScope scope, FlowNode node, int depth) {
        StringBuilder open = new StringBuilder("<bpmn:" + node.kind().xmlName() + " id=\"" + attr(node.id()) + "\"");
        if (node.name() != null) {
            open.append(" name=\"").append(attr(node.name())).append('"');
        }
        if (node.kind() == NodeKind.BOUNDARY_EVENT) {
            open.append(" attachedToRef=\"")
                    .append(attr(node.attachedTo().id()))
                    .append('"');
        }
        if (node.isEventSubProcess()) {
            open.append(" triggeredByEvent=\"true\"");
        }
        if (node.defaultFlowId() != null) {
            open.append(" default=\"").append(attr(node.defaultFlowId())).append('"');
        }
        line(depth, open + ">");
        extensions(node, depth + 1);
        for (SequenceFlow flow : scope.flows()) {
            if (flow.target() == node) {
                line(depth + 1, "<bpmn:incoming>" + flow.id() + "</bpmn:incoming>");
            }
        }
        for (SequenceFlow flow : scope.flows()) {
            if (flow.source() == node) {
                line(depth + 1, "<bpmn:outgoing>" + flow.id() + "</bpmn:outgoing>");
            }
        }
        if (node.loopInputCollection() != null) {
            line(depth + 1, "<bpmn:multiInstanceLoopCharacteristics isSequential=\"true\">");
            line(depth + 2, "<bpmn:extensionElements>");
            line(
                    depth + 3,
                    "<zeebe:loopCharacteristics inputCollection=\"" + attr(node.loopInputCollection())
                            + "\" inputElement=\"" + attr(node.loopInputElement()) + "\" />");
            line(depth + 2, "</bpmn:extensionElements>");
            line(depth + 1, "</bpmn:multiInstanceLoopCharacteristics>");
        }
        eventDefinition(node.eventDefinition(), depth + 1);
        if (node.children() != null) {
            scope(node.children(), depth + 1);
        }
        line(depth, "</bpmn:" + node.kind().xmlName() + ">");
    }

    private void extensions(FlowNode node, int depth) {
        List<String> lines = new ArrayList<>();
        if (node.jobType() != null) {
            lines.add("<zeebe:taskDefinition type=\"" + attr(node.jobType()) + "\" />");
        }
        if (node.calledProcessId() != null) {
            lines.add("<zeebe:calledElement processId=\"" + attr(node.calledProcessId())
                    + "\" propagateAllChildVariables=\"false\" />");
        }
        if (node.scriptExpression() != null) {
            lines.add("<zeebe:script expression=\"" + attr(node.scriptExpression()) + "\" resultVariable=\""
                    + attr(node.resultVariable()) + "\" />");
        }
        if (!node.inputs().isEmpty() || !node.outputs().isEmpty()) {
            lines.add("<zeebe:ioMapping>");
            for (FlowNode.Mapping m : node.inputs()) {
                lines.add("  <zeebe:input source=\"" + attr(m.source()) + "\" target=\"" + attr(m.target()) + "\" />");
            }
            for (FlowNode.Mapping m : node.outputs()) {
                lines.add("  <zeebe:output source=\"" + attr(m.source()) + "\" target=\"" + attr(m.target()) + "\" />");
            }
            lines.add("</zeebe:ioMapping>");
        }
        if (lines.isEmpty()) {
            return;
        }
        line(depth, "<bpmn:extensionElements>");
        for (String l : lines) {
            line(depth + 1, l);
        }
        line(depth, "</bpmn:extensionElements>");
    }

    private void eventDefinition(EventDefinition definition, int depth) {
        if (definition == null) {
            return;
        }
        if (definition instanceof EventDefinition.Error e) {
            line(
                    depth,
                    e.error() == null
                            ? "<bpmn:errorEventDefinition />"
                            : "<bpmn:errorEventDefinition errorRef=\""
                                    + e.error().id() + "\" />");
        } else if (definition instanceof EventDefinition.Message) {
            line(depth, "<bpmn:messageEventDefinition messageRef=\"" + MESSAGE_DEVICE_CONTACT + "\" />");
        } else if (definition instanceof EventDefinition.Timer t) {
            line(depth, "<bpmn:timerEventDefinition>");
            line(
                    depth + 1,
                    "<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">" + XmlText.escape(t.duration())
                            + "</bpmn:timeDuration>");
            line(depth, "</bpmn:timerEventDefinition>");
        } else if (definition instanceof EventDefinition.Terminate) {
            line(depth, "<bpmn:terminateEventDefinition />");
        }
    }

    private void flow(SequenceFlow flow, int depth) {
        String open = "<bpmn:sequenceFlow id=\"" + attr(flow.id()) + "\""
                + (flow.name() != null ? " name=\"" + attr(flow.name()) + "\"" : "")
                + " sourceRef=\"" + attr(flow.source().id()) + "\" targetRef=\""
                + attr(flow.target().id()) + "\"";
        if (flow.condition() == null) {
            line(depth, open + " />");
            return;
        }
        line(depth, open + ">");
        line(
                depth + 1,
                "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">" + XmlText.escape(flow.condition())
                        + "</bpmn:conditionExpression>");
        line(depth, "</bpmn:sequenceFlow>");
    }

    private void shapes(ProcessScope scope) {
        for (FlowNode node : scope.nodes()) {
            Bounds b = document.diagram().shapes().get(node.id());
            String extra = "";
            if (node.kind() == NodeKind.SUB_PROCESS) {
                extra = " isExpanded=\"true\"";
            } else if (node.kind() == NodeKind.EXCLUSIVE_GATEWAY) {
                extra = " isMarkerVisible=\"true\"";
            }
            line(
                    3,
                    "<bpmndi:BPMNShape id=\"" + attr(node.id()) + "_di\" bpmnElement=\"" + attr(node.id()) + "\""
                            + extra + ">");
            line(4, bounds(b));
            Bounds label = document.diagram().labels().get(node.id());
            if (label != null) {
                line(4, "<bpmndi:BPMNLabel>");
                line(5, bounds(label));
                line(4, "</bpmndi:BPMNLabel>");
            }
            line(3, "</bpmndi:BPMNShape>");
            if (node.children() != null) {
                shapes(node.children());
            }
        }
    }

    private void edges(ProcessScope scope) {
        for (FlowNode node : scope.nodes()) {
            if (node.children() != null) {
                edges(node.children());
            }
        }
        for (SequenceFlow flow : scope.flows()) {
            line(3, "<bpmndi:BPMNEdge id=\"" + attr(flow.id()) + "_di\" bpmnElement=\"" + attr(flow.id()) + "\">");
            for (Point p : document.diagram().edges().get(flow.id())) {
                line(4, "<di:waypoint x=\"" + p.x() + "\" y=\"" + p.y() + "\" />");
            }
            Bounds label = document.diagram().edgeLabels().get(flow.id());
            if (label != null) {
                line(4, "<bpmndi:BPMNLabel>");
                line(5, bounds(label));
                line(4, "</bpmndi:BPMNLabel>");
            }
            line(3, "</bpmndi:BPMNEdge>");
        }
    }

    private static String bounds(Bounds b) {
        return "<dc:Bounds x=\"" + b.x() + "\" y=\"" + b.y() + "\" width=\"" + b.width() + "\" height=\"" + b.height()
                + "\" />";
    }

    private static String attr(String value) {
        return XmlText.escape(value);
    }

    private void line(int depth, String text) {
        out.append("  ".repeat(depth)).append(text).append('\n');
    }
}
