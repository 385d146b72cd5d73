package io.dmflow.template.compile;

import io.dmflow.template.source.Diagnostic;
import java.util.List;
import java.util.Optional;

/** The outcome of compiling one template: the BPMN when there were no errors, and every diagnostic in file order. */
public record Compilation(String processId, Optional<String> bpmn, List<Diagnostic> diagnostics) {

    public boolean succeeded() {
        return bpmn.isPresent();
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream()
                .filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                .toList();
    }
}
