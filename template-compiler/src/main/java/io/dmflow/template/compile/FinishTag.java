package io.dmflow.template.compile;

import io.dmflow.contract.JobType;
import io.dmflow.template.bpmn.EventDefinition;
import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.NodeKind;
import io.dmflow.template.bpmn.ProcessErrors;
import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.expression.TemplateValue;
import io.dmflow.template.layout.ChainFragment;
import io.dmflow.template.layout.Fragment;
import io.dmflow.template.layout.NodeFragment;
import io.dmflow.template.parse.XmlAttribute;
import io.dmflow.template.parse.XmlElement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code <finish [status]>}: record the status, then end the whole task: a terminate end event, or inside a
 * loop an error the process-level "Task finished early" handler catches.
 */
final class FinishTag implements TagCompiler {

    static final Set<String> STATUSES = Set.of("SUCCESS", "ERROR", "WARNING", "IN_PROGRESS", "NOT_STARTED");

    @Override
    public Optional<Fragment> compile(XmlElement element, ProcessScope scope, BlockCompiler block) {
        CompilationContext context = block.context();
        if (!TagAttributes.check(element, context.diagnostics(), List.of(), List.of("status"))) {
            return Optional.empty();
        }
        TagAttributes.noChildren(element, context.diagnostics());
        String status = "=\"SUCCESS\"";
        String shown = "SUCCESS";
        Optional<XmlAttribute> statusAttribute = element.attribute("status");
        if (statusAttribute.isPresent()) {
            Optional<TemplateValue> value = context.value(statusAttribute.get());
            if (value.isEmpty()) {
                return Optional.empty();
            }
            if (value.get().plainText()) {
                shown = value.get().text().strip();
                if (!STATUSES.contains(shown)) {
                    context.diagnostics()
                            .error(
                                    statusAttribute.get().value().positionOf(0),
                                    "unknown status '" + shown
                                            + "' (known: SUCCESS, ERROR, WARNING, IN_PROGRESS, NOT_STARTED)");
                    return Optional.empty();
                }
            } else {
                shown = Readable.of(statusAttribute.get().value().text());
            }
            status = "=" + context.values().stringForm(value.get()).text();
        }
        String id =
                "finish_" + element.position().line() + "_" + element.position().column();
        FlowNode record = scope.add(id, NodeKind.SERVICE_TASK, "Finish with " + shown)
                .jobType(JobType.DM_EXECUTION_UPDATE)
                .input("status", status);
        FlowNode end;
        if (context.insideSubProcess()) {
            // a terminate end event would only end the loop's sub-process: throw to the process level instead
            context.usedFinishInsideLoop();
            end = scope.add(id + "_end", NodeKind.END_EVENT, "Finish task")
                    .eventDefinition(new EventDefinition.Error(ProcessErrors.Code.TASK_FINISHED));
        } else {
            end = scope.add(id + "_end", NodeKind.END_EVENT, "Task finished")
                    .eventDefinition(new EventDefinition.Terminate());
        }
        return Optional.of(
                new ChainFragment(scope, List.of(new NodeFragment(record, false), new NodeFragment(end, true))));
    }
}
