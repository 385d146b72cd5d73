package io.dmflow.template.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one compilation, so a user sees them all at once instead of one per run. */
public final class Diagnostics {

    private final String file;
    private final List<Diagnostic> entries = new ArrayList<>();

    public Diagnostics(String file) {
        this.file = file;
    }

    public void error(Position position, String message) {
        entries.add(new Diagnostic(file, position, Diagnostic.Severity.ERROR, message));
    }

    public void warning(Position position, String message) {
        entries.add(new Diagnostic(file, position, Diagnostic.Severity.WARNING, message));
    }

    public boolean hasErrors() {
        return entries.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    public int errorCount() {
        return (int) entries.stream()
                .filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                .count();
    }

    /** In file order; the order of reporting breaks ties so that output stays stable. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(entries);
        copy.sort(Comparator.comparingInt((Diagnostic d) -> d.position().line())
                .thenComparingInt(d -> d.position().column()));
        return copy;
    }

    public String file() {
        return file;
    }
}
