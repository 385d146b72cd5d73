package io.dmflow.template.compile;

import io.dmflow.template.bpmn.ProcessScope;
import io.dmflow.template.layout.ChainFragment;
import io.dmflow.template.layout.Fragment;
import io.dmflow.template.parse.XmlElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Compiles the tags of one block (config, if, else, foreach, while) in document order. */
final class BlockCompiler {

    private final CompilationContext context;
    private final Map<String, TagCompiler> tags;

    BlockCompiler(CompilationContext context, Map<String, TagCompiler> tags) {
        this.context = context;
        this.tags = tags;
    }

    CompilationContext context() {
        return context;
    }

    /** The fragments of the given tags, not yet connected. */
    List<Fragment> fragments(List<XmlElement> elements, ProcessScope scope) {
        List<Fragment> fragments = new ArrayList<>();
        XmlElement ender = null;
        for (XmlElement element : elements) {
            if (ender != null) {
                context.diagnostics()
                        .error(
                                element.position(),
                                "<" + element.name() + "> is never reached: <" + ender.name() + "> at "
                                        + ender.position() + " ends the task");
                continue;
            }
            TagCompiler compiler = tags.get(element.name());
            if (compiler == null) {
                context.diagnostics().error(element.position(), unknownTag(element.name()));
                continue;
            }
            Optional<Fragment> fragment = compiler.compile(element, scope, this);
            if (fragment.isPresent()) {
                fragments.add(fragment.get());
                if (fragment.get().exit() == null) {
                    ender = element;
                }
            }
        }
        return fragments;
    }

    /** The given tags as one connected chain, or empty when there are none. */
    Optional<Fragment> chain(List<XmlElement> elements, ProcessScope scope) {
        List<Fragment> fragments = fragments(elements, scope);
        if (fragments.isEmpty()) {
            return Optional.empty();
        }
        if (fragments.size() == 1) {
            return Optional.of(fragments.get(0));
        }
        return Optional.of(new ChainFragment(scope, fragments));
    }

    private String unknownTag(String name) {
        if (name.equals("else")) {
            return "<else> must be directly inside an <if>";
        }
        if (name.equals("config")) {
            return "<config> is the root of a template and cannot be nested";
        }
        if (name.equals("operation") || name.equals("resourceProperty")) {
            return "<" + name + "> belongs inside <editResource>";
        }
        return "unknown tag <" + name + "> (known: " + String.join(", ", new java.util.TreeSet<>(tags.keySet())) + ")";
    }
}
