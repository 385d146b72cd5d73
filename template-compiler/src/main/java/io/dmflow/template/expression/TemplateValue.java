package io.dmflow.template.expression;

import io.dmflow.template.source.SourceText;

/**
 * An attribute value compiled: its FEEL, its type, and whether it was plain text. Plain text is kept so
 * that element names and static settings can show it as written.
 */
public record TemplateValue(Feel feel, boolean plainText, SourceText source) {

    public Type type() {
        return feel.type();
    }

    /** The FEEL expression as a Zeebe attribute wants it. */
    public String expression() {
        return "=" + feel.text();
    }

    public String text() {
        return source.text();
    }
}
