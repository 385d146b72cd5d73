package io.dmflow.template.source;

/** A place in a template file, 1-based like editors show it. */
public record Position(int line, int column) {

    public static final Position START = new Position(1, 1);

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
