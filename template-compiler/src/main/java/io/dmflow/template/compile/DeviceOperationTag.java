package io.dmflow.template.compile;

import io.dmflow.contract.JobType;
import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.NodeKind;
import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.expression.Feel;
import io.dmflow.template.expression.StartVariablePaths;
import io.dmflow.template.expression.TemplateValue;
import io.dmflow.template.layout.Fragment;
import io.dmflow.template.parse.XmlAttribute;
import io.dmflow.template.parse.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One LwM2M operation on the device ({@code get}, {@code set}, {@code execute}, {@code add},
 * {@code delete}, {@code setAttributes}, {@code cancelAllObserves}): a service task of the operation's
 * job type inside the device-step pattern. Every input is passed under its attribute's name, plus
 * {@code endpoint}.
 */
final class DeviceOperationTag implements TagCompiler {

    private final String jobType;
    private final String verb;
    private final List<String> required;
    private final List<String> optional;
    private final String outputAttribute;
    private final boolean takesAttributeChildren;

    private DeviceOperationTag(
            String jobType,
            String verb,
            List<String> required,
            List<String> optional,
            String outputAttribute,
            boolean takesAttributeChildren) {
        this.jobType = jobType;
        this.verb = verb;
        this.required = required;
        this.optional = optional;
        this.outputAttribute = outputAttribute;
        this.takesAttributeChildren = takesAttributeChildren;
    }

    static DeviceOperationTag read() {
        return new DeviceOperationTag(
                JobType.LWM2M_READ,
                "Read",
                List.of("key", "output"),
                List.of("ignoreFaults", "contentFormat"),
                "output",
                false);
    }

    static DeviceOperationTag write() {
        return new DeviceOperationTag(
                JobType.LWM2M_WRITE,
                "Write",
                List.of("key", "value"),
                List.of("ignoreFaults", "mode", "contentFormat"),
                null,
                false);
    }

    static DeviceOperationTag execute() {
        return new DeviceOperationTag(
                JobType.LWM2M_EXECUTE, "Execute", List.of("key"), List.of("arguments", "ignoreFaults"), null, false);
    }

    static DeviceOperationTag create() {
        return new DeviceOperationTag(
                JobType.LWM2M_CREATE, "Create instance of", List.of("key"), List.of("ignoreFaults"), null, false);
    }

    static DeviceOperationTag delete() {
        return new DeviceOperationTag(
                JobType.LWM2M_DELETE, "Delete", List.of("key"), List.of("ignoreFaults"), null, false);
    }

    static DeviceOperationTag writeAttributes() {
        return new DeviceOperationTag(
                JobType.LWM2M_WRITE_ATTRIBUTES,
                "Write attributes of",
                List.of("key"),
                List.of("ignoreFaults"),
                null,
                true);
    }

    static DeviceOperationTag cancelAllObservations() {
        return new DeviceOperationTag(
                JobType.LWM2M_CANCEL_ALL_OBSERVATIONS,
                "Cancel all observations",
                List.of(),
                List.of("ignoreFaults"),
                null,
                false);
    }

    @Override
    public Optional<Fragment> compile(XmlElement element, ProcessScope scope, BlockCompiler block) {
        CompilationContext context = block.context();
        if (!TagAttributes.check(element, context.diagnostics(), required, optional)) {
            return Optional.empty();
        }
        Optional<Boolean> ignoreFaults = TagAttributes.flag(element, "ignoreFaults", false, context.diagnostics());
        boolean ok = ignoreFaults.isPresent();
        List<String[]> inputs = new ArrayList<>();
        inputs.add(new String[] {"endpoint", "=" + StartVariablePaths.DEVICE_ENDPOINT});
        String keyText = null;
        for (XmlAttribute attribute : element.attributes()) {
            if (attribute.name().equals("ignoreFaults")) {
                continue;
            }
            if (attribute.name().equals(outputAttribute)) {
                // the worker stores its result under this name; an invalid one was reported already
                ok &= context.variables().isDeclared(attribute.value().text());
                inputs.add(new String[] {
                    attribute.name(), "=" + Feel.quote(attribute.value().text())
                });
                continue;
            }
            Optional<TemplateValue> value = context.value(attribute);
            if (value.isEmpty()) {
                ok = false;
                continue;
            }
            if (attribute.name().equals("key")) {
                ok &= DeviceKeys.check(value.get(), element.name(), context.diagnostics());
                keyText = Readable.of(attribute.value().text());
            }
            inputs.add(new String[] {
                attribute.name(), "=" + context.values().stringForm(value.get()).text()
            });
        }
        if (takesAttributeChildren) {
            Optional<String> attributes = attributeChildren(element, context);
            ok &= attributes.isPresent();
            attributes.ifPresent(a -> inputs.add(new String[] {"attributes", a}));
        } else {
            TagAttributes.noChildren(element, context.diagnostics());
        }
        if (!ok) {
            return Optional.empty();
        }
        String name = keyText == null ? verb : verb + " " + keyText;
        FlowNode step = scope.add(
                        element.name() + "_" + element.position().line() + "_"
                                + element.position().column(),
                        NodeKind.SERVICE_TASK,
                        name)
                .jobType(jobType);
        for (String[] input : inputs) {
            step.input(input[0], input[1]);
        }
        if (outputAttribute != null) {
            // map the result out explicitly: a variable named like one of the job's inputs (say "key")
            // would otherwise stay local to the task, and stray worker variables would leak into the task
            String variable =
                    element.attribute(outputAttribute).orElseThrow().value().text();
            step.output("=" + variable, variable);
        }
        return Optional.of(DeviceSteps.wrap(step, ignoreFaults.get(), scope, context));
    }

    /** {@code <attribute name value>} children as a FEEL list of {name, value} contexts, in document order. */
    private static Optional<String> attributeChildren(XmlElement element, CompilationContext context) {
        List<String> entries = new ArrayList<>();
        boolean ok = true;
        for (XmlElement child : element.children()) {
            if (!child.name().equals("attribute")) {
                context.diagnostics()
                        .error(
                                child.position(),
                                "<" + element.name() + "> takes only <attribute name value> tags, found <"
                                        + child.name() + ">");
                ok = false;
                continue;
            }
            if (!TagAttributes.check(child, context.diagnostics(), List.of("name", "value"), List.of())) {
                ok = false;
                continue;
            }
            Optional<TemplateValue> name = context.value(child.attribute("name").orElseThrow());
            Optional<TemplateValue> value =
                    context.value(child.attribute("value").orElseThrow());
            if (name.isEmpty() || value.isEmpty()) {
                ok = false;
                continue;
            }
            entries.add("{name: " + context.values().stringForm(name.get()).text() + ", value: "
                    + context.values().stringForm(value.get()).text() + "}");
        }
        return ok ? Optional.of("=[" + String.join(", ", entries) + "]") : Optional.empty();
    }
}
