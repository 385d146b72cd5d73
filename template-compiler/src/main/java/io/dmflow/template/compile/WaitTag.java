package io.dmflow.template.compile;

import io.dmflow.contract.ExecutionStatus;
import io.dmflow.contract.JobType;
import io.dmflow.template.bpmn.EventDefinition;
import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.NodeKind;
import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.expression.TemplateValue;
import io.dmflow.template.layout.ChainFragment;
import io.dmflow.template.layout.Fragment;
import io.dmflow.template.layout.NodeFragment;
import io.dmflow.template.parse.XmlAttribute;
import io.dmflow.template.parse.XmlElement;
import java.util.List;
import java.util.Optional;

/** {@code <wait [seconds]>}: a timer, or without seconds a wait for the device's next contact. */
final class WaitTag implements TagCompiler {

    @Override
    public Optional<Fragment> compile(XmlElement element, ProcessScope scope, BlockCompiler block) {
        CompilationContext context = block.context();
        if (!TagAttributes.check(element, context.diagnostics(), List.of(), List.of("seconds"))) {
            return Optional.empty();
        }
        TagAttributes.noChildren(element, context.diagnostics());
        String id =
                "wait_" + element.position().line() + "_" + element.position().column();
        Optional<XmlAttribute> secondsAttribute = element.attribute("seconds");
        if (secondsAttribute.isEmpty()) {
            // The execution waits for its device: say so, so the scheduler may run the device's next task
            // meanwhile (unless this one is blocking); the next job of this flow marks it in progress again.
            FlowNode waiting = scope.add(id + "_status", NodeKind.SERVICE_TASK, "Report waiting for device")
                    .jobType(JobType.DM_EXECUTION_UPDATE)
                    .input("status", "=\"" + ExecutionStatus.WAITING_FOR_DEVICE.name() + "\"");
            FlowNode contact = scope.add(id, NodeKind.INTERMEDIATE_CATCH_EVENT, "Wait for device contact")
                    .eventDefinition(new EventDefinition.Message(null));
            return Optional.of(new ChainFragment(
                    scope, List.of(new NodeFragment(waiting, false), new NodeFragment(contact, false))));
        }
        Optional<TemplateValue> seconds = context.value(secondsAttribute.get());
        if (seconds.isEmpty()) {
            return Optional.empty();
        }
        String duration;
        String name;
        if (seconds.get().plainText()) {
            String text = seconds.get().text().strip();
            if (!text.matches("\\d+")) {
                context.diagnostics()
                        .error(
                                secondsAttribute.get().value().positionOf(0),
                                "'seconds' of <wait> must be a whole number of seconds, found '" + text + "'");
                return Optional.empty();
            }
            duration = "PT" + Long.parseLong(text) + "S";
            name = "Wait " + Long.parseLong(text) + " s";
        } else if (seconds.get().type().isIntegral()
                || seconds.get().type().equals(io.dmflow.template.expression.Type.STRING)) {
            duration = "=duration(\"PT\" + "
                    + context.values().stringForm(seconds.get()).text() + " + \"S\")";
            name = "Wait " + Readable.of(secondsAttribute.get().value().text()) + " s";
        } else {
            context.diagnostics()
                    .error(
                            secondsAttribute.get().value().positionOf(0),
                            "'seconds' of <wait> must be a whole number, found "
                                    + seconds.get().type());
            return Optional.empty();
        }
        FlowNode timer = scope.add(id, NodeKind.INTERMEDIATE_CATCH_EVENT, name)
                .eventDefinition(new EventDefinition.Timer(duration));
        return Optional.of(new NodeFragment(timer, false));
    }
}
