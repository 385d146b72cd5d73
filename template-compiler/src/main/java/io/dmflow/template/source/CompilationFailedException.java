package io.dmflow.template.source;

import java.util.List;

/** Thrown to callers that want BPMN or nothing; carries every diagnostic, never a parser's stack trace. */
public final class CompilationFailedException extends RuntimeException {

    private final List<Diagnostic> diagnostics;

    public CompilationFailedException(List<Diagnostic> diagnostics) {
        super(
                String.join(
                        System.lineSeparator(),
                        diagnostics.stream().map(Diagnostic::render).toList()),
                null,
                false,
                false);
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
