package io.dmflow.template.compile;

import io.dmflow.contract.JobType;
import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.NodeKind;
import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.expression.Feel;
import io.dmflow.template.expression.TemplateValue;
import io.dmflow.template.expression.Type;
import io.dmflow.template.layout.Fragment;
import io.dmflow.template.layout.NodeFragment;
import io.dmflow.template.parse.XmlAttribute;
import io.dmflow.template.parse.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code <readResource>} and {@code <editResource>}: stored files, handled by the dm.resource.* workers. */
final class ResourceTags {

    private ResourceTags() {}

    /** {@code <readResource resourceId varName>}: the worker sets variable {@code varName} to the file's text. */
    static final class Read implements TagCompiler {

        @Override
        public Optional<Fragment> compile(XmlElement element, ProcessScope scope, BlockCompiler block) {
            CompilationContext context = block.context();
            if (!TagAttributes.check(element, context.diagnostics(), List.of("resourceId", "varName"), List.of())) {
                return Optional.empty();
            }
            TagAttributes.noChildren(element, context.diagnostics());
            XmlAttribute resource = element.attribute("resourceId").orElseThrow();
            Optional<TemplateValue> resourceId = context.value(resource);
            String varName = element.attribute("varName").orElseThrow().value().text();
            if (resourceId.isEmpty() || !context.variables().isDeclared(varName)) {
                return Optional.empty();
            }
            FlowNode task = scope.add(
                            "readResource_" + element.position().line() + "_"
                                    + element.position().column(),
                            NodeKind.SERVICE_TASK,
                            "Read resource " + Readable.of(resource.value().text()))
                    .jobType(JobType.DM_RESOURCE_READ)
                    .input(
                            "resourceId",
                            "=" + context.values().stringForm(resourceId.get()).text())
                    .input("varName", "=" + Feel.quote(varName))
                    // explicit, so that a name like "resourceId" does not stay local to the task
                    .output("=" + varName, varName);
            return Optional.of(new NodeFragment(task, false));
        }
    }

    /**
     * {@code <editResource destination source>} with {@code <operation regex replacement replaceAll>} and
     * {@code <resourceProperty name value>} children: one dm.resource.edit job that gets the operations and
     * properties as lists in document order.
     */
    static final class Edit implements TagCompiler {

        @Override
        public Optional<Fragment> compile(XmlElement element, ProcessScope scope, BlockCompiler block) {
            CompilationContext context = block.context();
            if (!TagAttributes.check(element, context.diagnostics(), List.of("destination", "source"), List.of())) {
                return Optional.empty();
            }
            XmlAttribute destinationAttribute = element.attribute("destination").orElseThrow();
            Optional<TemplateValue> destination = context.value(destinationAttribute);
            Optional<TemplateValue> source =
                    context.value(element.attribute("source").orElseThrow());
            boolean ok = destination.isPresent() && source.isPresent();
            List<String> operations = new ArrayList<>();
            List<String> properties = new ArrayList<>();
            for (XmlElement child : element.children()) {
                if (child.name().equals("operation")) {
                    ok &= operation(child, context, operations);
                } else if (child.name().equals("resourceProperty")) {
                    ok &= property(child, context, properties);
                } else {
                    context.diagnostics()
                            .error(
                                    child.position(),
                                    "<editResource> takes <operation> and <resourceProperty> tags, found <"
                                            + child.name() + ">");
                    ok = false;
                }
            }
            if (!ok) {
                return Optional.empty();
            }
            FlowNode task = scope.add(
                            "editResource_" + element.position().line() + "_"
                                    + element.position().column(),
                            NodeKind.SERVICE_TASK,
                            "Edit resource "
                                    + Readable.of(destinationAttribute.value().text()))
                    .jobType(JobType.DM_RESOURCE_EDIT)
                    .input(
                            "destination",
                            "=" + context.values().stringForm(destination.get()).text())
                    .input(
                            "source",
                            "=" + context.values().stringForm(source.get()).text())
                    .input("operations", "=[" + String.join(", ", operations) + "]")
                    .input("properties", "=[" + String.join(", ", properties) + "]");
            return Optional.of(new NodeFragment(task, false));
        }

        private static boolean operation(XmlElement child, CompilationContext context, List<String> operations) {
            if (!TagAttributes.check(
                    child, context.diagnostics(), List.of("regex", "replacement"), List.of("replaceAll"))) {
                return false;
            }
            TagAttributes.noChildren(child, context.diagnostics());
            Optional<TemplateValue> regex =
                    context.value(child.attribute("regex").orElseThrow());
            Optional<TemplateValue> replacement =
                    context.value(child.attribute("replacement").orElseThrow());
            Optional<XmlAttribute> replaceAllAttribute = child.attribute("replaceAll");
            if (regex.isEmpty() || replacement.isEmpty()) {
                return false;
            }
            String all = "false";
            if (replaceAllAttribute.isPresent()) {
                Optional<TemplateValue> replaceAll = context.value(replaceAllAttribute.get());
                if (replaceAll.isEmpty()) {
                    return false;
                }
                if (replaceAll.get().plainText()) {
                    String text = replaceAll.get().text().strip();
                    if (!text.equals("true") && !text.equals("false")) {
                        context.diagnostics()
                                .error(
                                        replaceAllAttribute.get().value().positionOf(0),
                                        "'replaceAll' must be true or false, found '" + text + "'");
                        return false;
                    }
                    all = text;
                } else if (!replaceAll.get().type().equals(Type.BOOLEAN)) {
                    context.diagnostics()
                            .error(
                                    replaceAllAttribute.get().value().positionOf(0),
                                    "'replaceAll' must be a Boolean, found "
                                            + replaceAll.get().type());
                    return false;
                } else {
                    all = replaceAll.get().feel().text();
                }
            }
            operations.add("{regex: " + context.values().stringForm(regex.get()).text() + ", replacement: "
                    + context.values().stringForm(replacement.get()).text() + ", replaceAll: " + all + "}");
            return true;
        }

        private static boolean property(XmlElement child, CompilationContext context, List<String> properties) {
            if (!TagAttributes.check(child, context.diagnostics(), List.of("name", "value"), List.of())) {
                return false;
            }
            TagAttributes.noChildren(child, context.diagnostics());
            Optional<TemplateValue> name = context.value(child.attribute("name").orElseThrow());
            Optional<TemplateValue> value =
                    context.value(child.attribute("value").orElseThrow());
            if (name.isEmpty() || value.isEmpty()) {
                return false;
            }
            properties.add("{name: " + context.values().stringForm(name.get()).text() + ", value: "
                    + context.values().stringForm(value.get()).text() + "}");
            return true;
        }
    }
}
