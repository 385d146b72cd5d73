package io.dmflow.template.compile;

import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.NodeKind;
import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.expression.TemplateValue;
import io.dmflow.template.expression.Type;
import io.dmflow.template.layout.BranchFragment;
import io.dmflow.template.layout.Fragment;
import io.dmflow.template.parse.XmlAttribute;
import io.dmflow.template.parse.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code <if expr>} with an optional {@code <else>} child: an exclusive gateway whose "no" branch is the
 * default flow. A condition that is null at run time raises an incident on the gateway that quotes it as
 * the template wrote it, with its line and column.
 */
final class IfTag implements TagCompiler {

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
                            "the condition of <if> must be a Boolean, found "
                                    + condition.get().type());
            condition = Optional.empty();
        }
        List<XmlElement> then = new ArrayList<>();
        XmlElement otherwise = null;
        for (XmlElement child : element.children()) {
            if (!child.name().equals("else")) {
                then.add(child);
            } else if (otherwise != null) {
                context.diagnostics()
                        .error(
                                child.position(),
                                "<if> has more than one <else> (the first is at " + otherwise.position() + ")");
            } else {
                otherwise = child;
                TagAttributes.check(child, context.diagnostics(), List.of(), List.of());
            }
        }
        String id = "if_" + element.position().line() + "_" + element.position().column();
        FlowNode split = scope.add(
                id, NodeKind.EXCLUSIVE_GATEWAY, "If " + Readable.of(expr.value().text()) + "?");
        Optional<Fragment> yes = block.chain(then, scope);
        Optional<Fragment> no = otherwise == null ? Optional.empty() : block.chain(otherwise.children(), scope);
        if (condition.isEmpty()) {
            return Optional.empty();
        }
        String guarded =
                ConditionGuard.of(element, expr, context.diagnostics().file()).nonNull(condition.get());
        return Optional.of(new BranchFragment(scope, split, guarded, yes.orElse(null), no.orElse(null), id + "_join"));
    }
}
