package io.dmflow.template.compile;

import io.dmflow.contract.BpmnErrorCode;
import io.dmflow.contract.StartVariable;
import io.dmflow.template.expression.VariableScope;
import io.dmflow.template.parse.XmlAttribute;
import io.dmflow.template.parse.XmlElement;
import io.dmflow.template.source.Diagnostics;
import java.util.Optional;
import java.util.Set;

/**
 * Finds every task variable a template sets, before anything is compiled: the language has one
 * task-wide scope, so a variable set later in the document (or in a loop) is visible everywhere.
 */
final class TaskVariables {

    /** Names the process already uses, and FEEL words a variable name would collide with. */
    private static final Set<String> RESERVED = Set.of(
            StartVariable.DEVICE,
            StartVariable.TASK,
            StartVariable.EXECUTION,
            BpmnErrorCode.LWM2M_STATUS_VARIABLE,
            "date",
            "item",
            "result",
            "and",
            "or",
            "not",
            "if",
            "then",
            "else",
            "for",
            "in",
            "return",
            "some",
            "every",
            "satisfies",
            "between",
            "instance",
            "of",
            "function",
            "external",
            "null",
            "true",
            "false");

    private TaskVariables() {}

    static VariableScope collect(XmlElement root, Diagnostics diagnostics) {
        VariableScope scope = new VariableScope();
        visit(root, scope, diagnostics);
        return scope;
    }

    private static void visit(XmlElement element, VariableScope scope, Diagnostics diagnostics) {
        switch (element.name()) {
            case "store" -> {
                String type =
                        element.attribute("type").map(a -> a.value().text()).orElse("var");
                if (type.equals("var")) {
                    declare(element.attribute("target"), scope, diagnostics);
                }
            }
            case "get" -> declare(element.attribute("output"), scope, diagnostics);
            case "readResource" -> declare(element.attribute("varName"), scope, diagnostics);
            case "foreach" -> {
                if (element.attribute("iterator").isPresent()) {
                    declare(element.attribute("iterator"), scope, diagnostics);
                } else {
                    scope.declare("i");
                }
            }
            case "lwm2mFirmwareUpdate", "lwm2mSoftwareManagement" -> {
                declare(element.attribute("resultVar"), scope, diagnostics);
                declare(element.attribute("resultDetailsVar"), scope, diagnostics);
            }
            default -> {}
        }
        for (XmlElement child : element.children()) {
            visit(child, scope, diagnostics);
        }
    }

    private static void declare(Optional<XmlAttribute> attribute, VariableScope scope, Diagnostics diagnostics) {
        if (attribute.isEmpty()) {
            return;
        }
        String name = attribute.get().value().text();
        if (validName(attribute.get(), diagnostics)) {
            scope.declare(name);
        }
    }

    /** A variable name becomes a process variable and a FEEL name: letters, digits and '_' only. */
    static boolean validName(XmlAttribute attribute, Diagnostics diagnostics) {
        String name = attribute.value().text();
        var at = attribute.value().positionOf(0);
        if (name.contains("${")) {
            diagnostics.error(
                    at, "'" + attribute.name() + "' names a task variable and must be a plain name, not an expression");
            return false;
        }
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            diagnostics.error(
                    at,
                    "'" + name + "' is not a valid variable name: use letters, digits and '_', starting with a letter");
            return false;
        }
        if (name.endsWith("_") || RESERVED.contains(name)) {
            diagnostics.error(at, "'" + name + "' is reserved and cannot name a task variable");
            return false;
        }
        return true;
    }
}
