package io.dmflow.template.compile;

import io.dmflow.template.bpmn.FlowNode;
import io.dmflow.template.bpmn.NodeKind;
import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.expression.TemplateValue;
import io.dmflow.template.layout.ChainFragment;
import io.dmflow.template.layout.Fragment;
import io.dmflow.template.layout.NodeFragment;
import io.dmflow.template.layout.SubProcessFragment;
import io.dmflow.template.parse.XmlAttribute;
import io.dmflow.template.parse.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code <foreach list [iterator]>}: a sequential multi-instance sub-process, one instance per element in
 * order, the element bound to the iterator variable. Variables the body stores are not local to the
 * sub-process, so they propagate to the process, which keeps the task-wide scope of the language.
 */
final class ForeachTag implements TagCompiler {

    @Override
    public Optional<Fragment> compile(XmlElement element, ProcessScope scope, BlockCompiler block) {
        CompilationContext context = block.context();
        if (!TagAttributes.check(element, context.diagnostics(), List.of("list"), List.of("iterator"))) {
            return Optional.empty();
        }
        XmlAttribute listAttribute = element.attribute("list").orElseThrow();
        Optional<TemplateValue> list = context.value(listAttribute);
        if (list.isPresent() && !list.get().type().isCollection()) {
            context.diagnostics()
                    .error(
                            listAttribute.value().positionOf(0),
                            "the list of <foreach> must be a List or Set, found "
                                    + list.get().type());
            list = Optional.empty();
        }
        String iterator =
                element.attribute("iterator").map(a -> a.value().text()).orElse("i");
        String id = "foreach_" + element.position().line() + "_"
                + element.position().column();
        ProcessScope body = scope.nested();
        FlowNode start = body.add(id + "_start", NodeKind.START_EVENT, null);
        context.enterLoop();
        List<Fragment> parts = new ArrayList<>();
        parts.add(new NodeFragment(start, false));
        parts.addAll(block.fragments(element.children(), body));
        context.leaveLoop();
        if (parts.get(parts.size() - 1).exit() != null) {
            FlowNode end = body.add(id + "_end", NodeKind.END_EVENT, null);
            parts.add(new NodeFragment(end, true));
        }
        if (list.isEmpty() || !context.variables().isDeclared(iterator)) {
            return Optional.empty();
        }
        FlowNode subProcess = scope.add(
                        id,
                        NodeKind.SUB_PROCESS,
                        "For each " + iterator + " in "
                                + Readable.of(listAttribute.value().text()))
                .sequentialLoop(list.get().expression(), iterator)
                .children(body, false);
        return Optional.of(new SubProcessFragment(subProcess, new ChainFragment(body, parts)));
    }
}
