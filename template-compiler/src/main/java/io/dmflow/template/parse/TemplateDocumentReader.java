package io.dmflow.template.parse;

import io.dmflow.template.source.Diagnostics;
import io.dmflow.template.source.Position;
import io.dmflow.template.source.SourceText;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the XML of a task template into elements with exact positions.
 *
 * <p>A hand-written reader rather than StAX: error messages must point at the offending character
 * (StAX reports where it noticed, often the end of a tag), and the reference product accepts one
 * looseness its own documentation relies on: an element left open is closed by its parent's end tag
 * (its reference backup template never closes its outer {@code <if>}). That case is a warning, every
 * other malformation an error.
 */
public final class TemplateDocumentReader {

    /** Deeper nesting than any real template; it keeps the recursive compiler passes off the stack limit. */
    static final int MAX_DEPTH = 64;

    private final String text;
    private final Diagnostics diagnostics;
    private int offset;
    private int line = 1;
    private int column = 1;

    private TemplateDocumentReader(String text, Diagnostics diagnostics) {
        this.text = text;
        this.diagnostics = diagnostics;
    }

    /** The root element, or empty when the document is too broken to have one (errors are reported). */
    public static Optional<XmlElement> read(String text, Diagnostics diagnostics) {
        return new TemplateDocumentReader(text, diagnostics).document();
    }

    private record Open(XmlElement element) {}

    private Optional<XmlElement> document() {
        if (text.startsWith("\uFEFF")) {
            advance();
        }
        XmlElement root = null;
        Deque<Open> open = new ArrayDeque<>();
        boolean rootClosed = false;
        while (!atEnd()) {
            Position here = here();
            if (lookingAt("<?")) {
                if (!skipPast("?>")) {
                    diagnostics.error(here, "processing instruction is not closed with '?>'");
                    return Optional.empty();
                }
            } else if (lookingAt("<!--")) {
                if (!skipPast("-->")) {
                    diagnostics.error(here, "comment is not closed with '-->'");
                    return Optional.empty();
                }
            } else if (lookingAt("<![CDATA[")) {
                diagnostics.error(here, "CDATA sections are not part of the task language; put values in attributes");
                if (!skipPast("]]>")) {
                    return Optional.empty();
                }
            } else if (lookingAt("<!")) {
                diagnostics.error(here, "DOCTYPE and other declarations are not allowed in a template");
                if (!skipPast(">")) {
                    return Optional.empty();
                }
            } else if (lookingAt("</")) {
                if (!endTag(here, open)) {
                    return Optional.empty();
                }
                if (open.isEmpty() && root != null) {
                    rootClosed = true;
                }
            } else if (peek() == '<') {
                Optional<StartTag> tag = startTag(here);
                if (tag.isEmpty()) {
                    return Optional.empty();
                }
                XmlElement element = tag.get().element();
                if (open.isEmpty()) {
                    if (root != null) {
                        diagnostics.error(
                                here,
                                "only one root element is allowed: <" + element.name() + "> follows the closed <"
                                        + root.name() + ">");
                        return Optional.empty();
                    }
                    root = element;
                } else {
                    open.peek().element().addChild(element);
                }
                if (!tag.get().selfClosing()) {
                    if (open.size() >= MAX_DEPTH) {
                        diagnostics.error(here, "tags are nested more than " + MAX_DEPTH + " levels deep");
                        return Optional.empty();
                    }
                    open.push(new Open(element));
                } else if (open.isEmpty()) {
                    rootClosed = true;
                }
            } else {
                text(here, open);
            }
        }
        if (!open.isEmpty()) {
            Open unclosed = open.peekLast();
            XmlElement innermost = open.peek().element();
            diagnostics.error(
                    innermost.position(),
                    "<" + innermost.name() + "> is never closed"
                            + (open.size() > 1
                                    ? " (nor its enclosing <"
                                            + unclosed.element().name() + ">)"
                                    : ""));
            return Optional.empty();
        }
        if (root == null) {
            diagnostics.error(here(), "the template is empty: expected a <config> element");
            return Optional.empty();
        }
        return rootClosed ? Optional.of(root) : Optional.empty();
    }

    private void text(Position here, Deque<Open> open) {
        StringBuilder content = new StringBuilder();
        while (!atEnd() && peek() != '<') {
            content.append(peek());
            advance();
        }
        String trimmed = content.toString().strip();
        if (!trimmed.isEmpty()) {
            Position at = here;
            // point at the first visible character, not at the whitespace before it
            int lead = content.length() - content.toString().stripLeading().length();
            at = shift(here, content.substring(0, lead));
            String shown = trimmed.length() > 30 ? trimmed.substring(0, 30) + "..." : trimmed;
            if (open.isEmpty()) {
                diagnostics.error(at, "text outside the root element: '" + shown + "'");
            } else {
                diagnostics.error(
                        at,
                        "text is not allowed inside <" + open.peek().element().name() + ">: '" + shown
                                + "' (values go in attributes)");
            }
        }
    }

    private static Position shift(Position start, String skipped) {
        int l = start.line();
        int c = start.column();
        for (int i = 0; i < skipped.length(); i++) {
            if (skipped.charAt(i) == '\n') {
                l++;
                c = 1;
            } else {
                c++;
            }
        }
        return new Position(l, c);
    }

    private record StartTag(XmlElement element, boolean selfClosing) {}

    private Optional<StartTag> startTag(Position tagStart) {
        advance(); // '<'
        Position namePosition = here();
        String name = name();
        if (name.isEmpty()) {
            diagnostics.error(namePosition, "expected an element name after '<'");
            return Optional.empty();
        }
        List<XmlAttribute> attributes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (true) {
            boolean spaced = skipWhitespace();
            if (atEnd()) {
                diagnostics.error(tagStart, "start tag <" + name + " is not closed with '>'");
                return Optional.empty();
            }
            if (lookingAt("/>")) {
                advance();
                advance();
                return Optional.of(new StartTag(new XmlElement(name, tagStart, attributes), true));
            }
            if (peek() == '>') {
                advance();
                return Optional.of(new StartTag(new XmlElement(name, tagStart, attributes), false));
            }
            Position attributePosition = here();
            if (!spaced) {
                diagnostics.error(
                        attributePosition,
                        "expected whitespace, '>' or '/>' in <" + name + ">, found '" + peek() + "'");
                return Optional.empty();
            }
            String attributeName = name();
            if (attributeName.isEmpty()) {
                diagnostics.error(
                        attributePosition, "expected an attribute name in <" + name + ">, found '" + peek() + "'");
                return Optional.empty();
            }
            skipWhitespace();
            if (atEnd() || peek() != '=') {
                diagnostics.error(
                        here(), "attribute '" + attributeName + "' of <" + name + "> needs '=' and a quoted value");
                return Optional.empty();
            }
            advance();
            skipWhitespace();
            if (atEnd() || (peek() != '"' && peek() != '\'')) {
                diagnostics.error(here(), "the value of attribute '" + attributeName + "' must be quoted");
                return Optional.empty();
            }
            Optional<SourceText> value = attributeValue(attributeName);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            if (!seen.add(attributeName)) {
                diagnostics.error(attributePosition, "attribute '" + attributeName + "' is repeated in <" + name + ">");
            } else {
                attributes.add(new XmlAttribute(attributeName, attributePosition, value.get()));
            }
        }
    }

    private Optional<SourceText> attributeValue(String attributeName) {
        char quote = peek();
        Position opening = here();
        advance();
        StringBuilder value = new StringBuilder();
        List<Position> positions = new ArrayList<>();
        while (true) {
            if (atEnd()) {
                diagnostics.error(
                        opening, "the value of attribute '" + attributeName + "' is not closed with " + quote);
                return Optional.empty();
            }
            char c = peek();
            Position at = here();
            if (c == quote) {
                Position end = here();
                advance();
                int[] l = new int[positions.size()];
                int[] col = new int[positions.size()];
                for (int i = 0; i < positions.size(); i++) {
                    l[i] = positions.get(i).line();
                    col[i] = positions.get(i).column();
                }
                return Optional.of(new SourceText(value.toString(), l, col, end));
            }
            if (c == '<') {
                diagnostics.error(at, "'<' is not allowed in an attribute value: write &lt;");
                return Optional.empty();
            }
            if (c == '&') {
                Optional<String> decoded = entity();
                if (decoded.isEmpty()) {
                    return Optional.empty();
                }
                for (char d : decoded.get().toCharArray()) {
                    value.append(d);
                    positions.add(at);
                }
                continue;
            }
            // XML attribute normalisation: line breaks and tabs read as spaces
            value.append(c == '\n' || c == '\t' || c == '\r' ? ' ' : c);
            positions.add(at);
            advance();
        }
    }

    private Optional<String> entity() {
        Position at = here();
        int semicolon = text.indexOf(';', offset);
        int limit = Math.min(text.length(), offset + 12);
        if (semicolon < 0 || semicolon > limit) {
            diagnostics.error(
                    at, "'&' must start an entity such as &lt; &gt; &amp; &quot; &apos; (write &amp; for a literal &)");
            return Optional.empty();
        }
        String body = text.substring(offset + 1, semicolon);
        String decoded = switch (body) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            case "apos" -> "'";
            default -> numericEntity(body);
        };
        if (decoded == null) {
            diagnostics.error(at, "unknown entity &" + body + ";");
            return Optional.empty();
        }
        while (offset <= semicolon) {
            advance();
        }
        return Optional.of(decoded);
    }

    private static String numericEntity(String body) {
        try {
            if (body.startsWith("#x")) {
                return new String(Character.toChars(Integer.parseInt(body.substring(2), 16)));
            }
            if (body.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(body.substring(1))));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private boolean endTag(Position tagStart, Deque<Open> open) {
        advance();
        advance();
        Position namePosition = here();
        String name = name();
        skipWhitespace();
        if (name.isEmpty() || atEnd() || peek() != '>') {
            diagnostics.error(namePosition, "malformed end tag: expected </name>");
            return false;
        }
        advance();
        if (open.isEmpty()) {
            diagnostics.error(tagStart, "end tag </" + name + "> has no matching start tag");
            return false;
        }
        if (open.peek().element().name().equals(name)) {
            open.pop();
            return true;
        }
        boolean ancestor = open.stream().anyMatch(o -> o.element().name().equals(name));
        if (!ancestor) {
            diagnostics.error(
                    tagStart,
                    "end tag </" + name + "> does not match the open <"
                            + open.peek().element().name() + "> (opened at "
                            + open.peek().element().position() + ")");
            return false;
        }
        while (!open.peek().element().name().equals(name)) {
            XmlElement unclosed = open.pop().element();
            diagnostics.warning(
                    unclosed.position(),
                    "<" + unclosed.name() + "> is not closed; </" + name + "> at " + tagStart + " closes it");
        }
        open.pop();
        return true;
    }

    private String name() {
        StringBuilder b = new StringBuilder();
        while (!atEnd()) {
            char c = peek();
            boolean ok = Character.isLetter(c)
                    || c == '_'
                    || c == ':'
                    || (b.length() > 0 && (Character.isDigit(c) || c == '-' || c == '.'));
            if (!ok) {
                break;
            }
            b.append(c);
            advance();
        }
        return b.toString();
    }

    private boolean skipWhitespace() {
        boolean any = false;
        while (!atEnd() && Character.isWhitespace(peek())) {
            advance();
            any = true;
        }
        return any;
    }

    private boolean skipPast(String terminator) {
        int found = text.indexOf(terminator, offset);
        if (found < 0) {
            while (!atEnd()) {
                advance();
            }
            return false;
        }
        while (offset < found + terminator.length()) {
            advance();
        }
        return true;
    }

    private boolean lookingAt(String s) {
        return text.startsWith(s, offset);
    }

    private boolean atEnd() {
        return offset >= text.length();
    }

    private char peek() {
        return text.charAt(offset);
    }

    private Position here() {
        return new Position(line, column);
    }

    private void advance() {
        char c = text.charAt(offset++);
        if (c == '\n') {
            line++;
            column = 1;
        } else if (c == '\r') {
            if (offset < text.length() && text.charAt(offset) == '\n') {
                return; // the \n that follows counts the line
            }
            line++;
            column = 1;
        } else {
            column++;
        }
    }
}
