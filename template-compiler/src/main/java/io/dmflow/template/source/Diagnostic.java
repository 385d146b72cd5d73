package io.dmflow.template.source;

/** One problem in a template, rendered the way compilers and editors expect: {@code file:line:col: message}. */
public record Diagnostic(String file, Position position, Severity severity, String message) {

    public enum Severity {
        ERROR,
        WARNING
    }

    public String render() {
        String prefix = severity == Severity.WARNING ? "warning: " : "";
        return file + ":" + position.line() + ":" + position.column() + ": " + prefix + message;
    }

    @Override
    public String toString() {
        return render();
    }
}
