package io.dmflow.template.compile;

import io.dmflow.template.parse.XmlAttribute;
import io.dmflow.template.parse.XmlElement;
import io.dmflow.template.source.Diagnostics;
import java.util.List;
import java.util.Optional;

/** Checks a tag's attributes against the ones it knows: unknown ones and missing required ones are errors. */
final class TagAttributes {

    private TagAttributes() {}

    /** True when the attributes are acceptable; every problem is reported. */
    static boolean check(XmlElement element, Diagnostics diagnostics, List<String> required, List<String> optional) {
        boolean ok = true;
        for (XmlAttribute attribute : element.attributes()) {
            if (!required.contains(attribute.name()) && !optional.contains(attribute.name())) {
                List<String> known = new java.util.ArrayList<>(required);
                known.addAll(optional);
                diagnostics.error(
                        attribute.position(),
                        "unknown attribute '" + attribute.name() + "' on <" + element.name() + ">"
                                + (known.isEmpty()
                                        ? ": it takes no attributes"
                                        : " (known: " + String.join(", ", known) + ")"));
                ok = false;
            }
        }
        for (String name : required) {
            if (element.attribute(name).isEmpty()) {
                diagnostics.error(element.position(), "<" + element.name() + "> needs the attribute '" + name + "'");
                ok = false;
            }
        }
        return ok;
    }

    /** A static true/false setting (it shapes the process, so it cannot be an expression). */
    static Optional<Boolean> flag(XmlElement element, String name, boolean byDefault, Diagnostics diagnostics) {
        Optional<XmlAttribute> attribute = element.attribute(name);
        if (attribute.isEmpty()) {
            return Optional.of(byDefault);
        }
        String text = attribute.get().value().text().strip();
        if (text.equals("true") || text.equals("false")) {
            return Optional.of(Boolean.parseBoolean(text));
        }
        diagnostics.error(
                attribute.get().value().positionOf(0),
                "'" + name + "' of <" + element.name() + "> must be true or false"
                        + (text.contains("${") ? " written out, not an expression" : ", found '" + text + "'"));
        return Optional.empty();
    }

    static void noChildren(XmlElement element, Diagnostics diagnostics) {
        for (XmlElement child : element.children()) {
            diagnostics.error(
                    child.position(), "<" + element.name() + "> takes no nested tags, found <" + child.name() + ">");
        }
    }
}
