package io.dmflow.template.compile;

import io.dmflow.contract.JobType;
import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.NodeKind;
import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.expression.TemplateValue;
import io.dmflow.template.layout.Fragment;
import io.dmflow.template.layout.NodeFragment;
import io.dmflow.template.parse.XmlAttribute;
import io.dmflow.template.parse.XmlElement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code <log message [level]>}: a {@value JobType#DM_LOG} job. */
final class LogTag implements TagCompiler {

    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR");

    @Override
    public Optional<Fragment> compile(XmlElement element, ProcessScope scope, BlockCompiler block) {
        CompilationContext context = block.context();
        if (!TagAttributes.check(element, context.diagnostics(), List.of("message"), List.of("level"))) {
            return Optional.empty();
        }
        TagAttributes.noChildren(element, context.diagnostics());
        XmlAttribute messageAttribute = element.attribute("message").orElseThrow();
        Optional<TemplateValue> message = context.value(messageAttribute);
        Optional<XmlAttribute> levelAttribute = element.attribute("level");
        Optional<TemplateValue> level = levelAttribute.flatMap(context::value);
        if (message.isEmpty() || (levelAttribute.isPresent() && level.isEmpty())) {
            return Optional.empty();
        }
        if (level.isPresent()
                && level.get().plainText()
                && !LEVELS.contains(level.get().text().strip().toUpperCase())) {
            context.diagnostics()
                    .error(
                            levelAttribute.get().value().positionOf(0),
                            "unknown log level '" + level.get().text() + "' (known: DEBUG, INFO, WARN, ERROR)");
            return Optional.empty();
        }
        String name = "Log " + Readable.of(messageAttribute.value().text());
        FlowNode task = scope.add(
                        "log_" + element.position().line() + "_"
                                + element.position().column(),
                        NodeKind.SERVICE_TASK,
                        name.length() > 50 ? name.substring(0, 47) + "..." : name)
                .jobType(JobType.DM_LOG)
                .input(
                        "message",
                        "=" + context.values().stringForm(message.get()).text());
        level.ifPresent(
                l -> task.input("level", "=" + context.values().stringForm(l).text()));
        return Optional.of(new NodeFragment(task, false));
    }
}
