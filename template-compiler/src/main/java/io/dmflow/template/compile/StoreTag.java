package io.dmflow.template.compile;

import io.dmflow.contract.JobType;
import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.NodeKind;
import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.expression.StartVariablePaths;
import io.dmflow.template.expression.TemplateValue;
import io.dmflow.template.layout.Fragment;
import io.dmflow.template.layout.NodeFragment;
import io.dmflow.template.parse.XmlAttribute;
import io.dmflow.template.parse.XmlElement;
import java.util.List;
import java.util.Optional;

/**
 * {@code <store target value [type]>}: a task variable becomes a script task (the engine evaluates it, no
 * worker); a device property ({@code type="devProp"}) is persisted by the dm.device-property.set worker and
 * mirrored into the {@code device} variable so later expressions see it.
 */
final class StoreTag implements TagCompiler {

    @Override
    public Optional<Fragment> compile(XmlElement element, ProcessScope scope, BlockCompiler block) {
        CompilationContext context = block.context();
        if (!TagAttributes.check(element, context.diagnostics(), List.of("target", "value"), List.of("type"))) {
            return Optional.empty();
        }
        TagAttributes.noChildren(element, context.diagnostics());
        XmlAttribute target = element.attribute("target").orElseThrow();
        String type = element.attribute("type").map(a -> a.value().text()).orElse("var");
        Optional<TemplateValue> value = context.value(element.attribute("value").orElseThrow());
        String id =
                "store_" + element.position().line() + "_" + element.position().column();
        if (type.equals("var")) {
            String name = target.value().text();
            // an invalid name was reported when the variables were collected
            if (value.isEmpty() || !context.variables().isDeclared(name)) {
                return Optional.empty();
            }
            FlowNode script = scope.add(id, NodeKind.SCRIPT_TASK, "Store " + name)
                    .script("=" + context.values().stringForm(value.get()).text(), name);
            return Optional.of(new NodeFragment(script, false));
        }
        if (type.equals("devProp")) {
            Optional<TemplateValue> name = context.value(target);
            if (value.isEmpty() || name.isEmpty()) {
                return Optional.empty();
            }
            FlowNode task = scope.add(
                            id,
                            NodeKind.SERVICE_TASK,
                            "Store device property "
                                    + Readable.of(target.value().text()))
                    .jobType(JobType.DM_DEVICE_PROPERTY_SET)
                    .input("endpoint", "=" + StartVariablePaths.DEVICE_ENDPOINT)
                    .input("name", "=" + context.values().stringForm(name.get()).text())
                    .input(
                            "value",
                            "=" + context.values().stringForm(value.get()).text())
                    // later device.getProperty(...) in this execution must see the new value
                    .output(
                            "=context put(" + StartVariablePaths.DEVICE_PROPERTIES + ", name, value)",
                            StartVariablePaths.DEVICE_PROPERTIES);
            return Optional.of(new NodeFragment(task, false));
        }
        XmlAttribute typeAttribute = element.attribute("type").orElseThrow();
        context.diagnostics()
                .error(typeAttribute.value().positionOf(0), "unknown store type '" + type + "' (known: var, devProp)");
        return Optional.empty();
    }
}
