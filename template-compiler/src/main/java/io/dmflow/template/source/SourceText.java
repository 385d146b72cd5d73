package io.dmflow.template.source;

/**
 * A piece of text cut out of a template together with where each of its characters came from.
 * Attribute values lose their entities when decoded, so offsets inside them no longer match columns
 * in the file; this keeps the mapping that error messages need.
 */
public final class SourceText {

    private final String text;
    private final int[] lines;
    private final int[] columns;
    private final Position end;

    public SourceText(String text, int[] lines, int[] columns, Position end) {
        if (text.length() != lines.length || text.length() != columns.length) {
            throw new IllegalArgumentException("one position per character");
        }
        this.text = text;
        this.lines = lines;
        this.columns = columns;
        this.end = end;
    }

    /** Text that sits at one place, e.g. a literal built by the compiler itself. */
    public static SourceText at(String text, Position position) {
        int[] l = new int[text.length()];
        int[] c = new int[text.length()];
        for (int i = 0; i < text.length(); i++) {
            l[i] = position.line();
            c[i] = position.column() + i;
        }
        return new SourceText(text, l, c, new Position(position.line(), position.column() + text.length()));
    }

    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    /** Where the character at {@code offset} came from; the offset just past the end maps to the closing quote. */
    public Position positionOf(int offset) {
        if (offset >= text.length()) {
            return end;
        }
        return new Position(lines[offset], columns[offset]);
    }

    public SourceText slice(int from, int to) {
        int[] l = java.util.Arrays.copyOfRange(lines, from, to);
        int[] c = java.util.Arrays.copyOfRange(columns, from, to);
        return new SourceText(text.substring(from, to), l, c, positionOf(to));
    }
}
