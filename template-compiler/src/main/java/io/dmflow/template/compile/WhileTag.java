package io.dmflow.template.compile;

import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.NodeKind;
import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.expression.Feel;
import io.dmflow.template.expression.TemplateValue;
import io.dmflow.template.expression.Type;
import io.dmflow.template.layout.Fragment;
import io.dmflow.template.layout.WhileFragment;
import io.dmflow.template.parse.XmlAttribute;
import io.dmflow.template.parse.XmlElement;
import java.util.List;
import java.util.Optional;

/**
 * {@code <while expr>}: a loop of gateways in the same scope, so the body's variables stay task-wide. A
 * round counter stops a runaway loop after 10,000 rounds with an incident that says so; a condition that
 * is null raises one that quotes it.
 */
final class WhileTag implements TagCompiler {

    static final int MAX_ROUNDS = 10_000;

    @Override
    public Optional<Fragment> compile(XmlElement element, ProcessScope scope, BlockCompiler block) {
        CompilationContext context = block.context();
        if (!TagAttributes.check(element, context.diagnostics(), List.of("expr"), List.of())) {
            return Optional.empty();
        }
        XmlAttribute expr = element.attribute("expr").orElseThrow();
        Optional<TemplateValue> condition = context.value(expr);
        if (condition.isPresent() && !condition.get().type().equals(Type.BOOLEAN)) {
            context.diagnostics()
                    .error(
                            expr.value().positionOf(0),
                            "the condition of <while> must be a Boolean, found "
                                    + condition.get().type());
            condition = Optional.empty();
        }
        if (element.children().isEmpty()) {
            context.diagnostics().error(element.position(), "<while> needs at least one tag inside, or it never ends");
            return Optional.empty();
        }
        String id =
                "while_" + element.position().line() + "_" + element.position().column();
        // ends in '_', which template variables may not: no clash with the template's own names
        String rounds =
                "rounds_" + element.position().line() + "_" + element.position().column() + "_";
        FlowNode start =
                scope.add(id + "_start", NodeKind.SCRIPT_TASK, "Start loop").script("=0", rounds);
        FlowNode merge = scope.add(id + "_loop", NodeKind.EXCLUSIVE_GATEWAY, null);
        ConditionGuard guard =
                ConditionGuard.of(element, expr, context.diagnostics().file());
        FlowNode count = scope.add(id + "_count", NodeKind.SCRIPT_TASK, "Count round")
                .script(
                        "=assert(" + rounds + " + 1, " + rounds + " < " + MAX_ROUNDS + ", "
                                + Feel.quote(guard.description() + " still held after " + MAX_ROUNDS
                                        + " rounds: the loop was stopped")
                                + ")",
                        rounds);
        FlowNode question = scope.add(
                id,
                NodeKind.EXCLUSIVE_GATEWAY,
                "While " + Readable.of(expr.value().text()) + "?");
        Optional<Fragment> body = block.chain(element.children(), scope);
        if (condition.isEmpty() || body.isEmpty()) {
            return Optional.empty();
        }
        if (body.get().exit() == null) {
            context.diagnostics()
                    .error(element.position(), "the body of <while> always ends the task, so it never loops: use <if>");
            return Optional.empty();
        }
        return Optional.of(
                new WhileFragment(scope, start, merge, count, question, guard.nonNull(condition.get()), body.get()));
    }
}
