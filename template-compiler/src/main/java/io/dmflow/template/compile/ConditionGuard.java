package io.dmflow.template.compile;

import io.dmflow.template.expression.Feel;
import io.dmflow.template.expression.TemplateValue;
import io.dmflow.template.parse.XmlAttribute;
import io.dmflow.template.parse.XmlElement;
import io.dmflow.template.source.Position;

/**
 * What an operator reads when a condition goes wrong at run time: the expression as the template wrote it
 * and where it is, not the FEEL it became. The compiled FEEL carries that text itself, because the
 * incident the engine raises quotes whatever the FEEL failure says.
 */
final class ConditionGuard {

    private final String description;

    private ConditionGuard(String description) {
        this.description = description;
    }

    /** The condition {@code attribute} of {@code element}, in the template file {@code file}. */
    static ConditionGuard of(XmlElement element, XmlAttribute attribute, String file) {
        Position at = attribute.value().positionOf(0);
        return new ConditionGuard("<" + element.name() + "> condition "
                + attribute.value().text() + " at line " + at.line() + ", column " + at.column() + " of " + file);
    }

    /** {@code <if> condition ${...} at line 4, column 7 of task.xml}, for messages raised at run time. */
    String description() {
        return description;
    }

    /**
     * The condition as a Zeebe expression that fails, with a message naming the template's expression, when
     * it is null (a missing property, a text that is no number): FEEL would otherwise let the gateway's
     * incident quote only the compiled FEEL. The value is computed once; the names end in '_', which the
     * compiler's temporaries (a digit before the '_') and template variables never do.
     */
    String nonNull(TemplateValue condition) {
        String feel = condition.feel().text();
        if (feel.equals("true") || feel.equals("false")) {
            return condition.expression();
        }
        return "={condition_: " + feel + ", checked_: assert(condition_, condition_ != null, "
                + Feel.quote(description + " is null") + ")}.checked_";
    }
}
