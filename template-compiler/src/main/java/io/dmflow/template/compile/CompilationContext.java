package io.dmflow.template.compile;

import io.dmflow.template.expression.TemplateValue;
import io.dmflow.template.expression.TemplateValueCompiler;
import io.dmflow.template.expression.VariableScope;
import io.dmflow.template.parse.XmlAttribute;
import io.dmflow.template.source.Diagnostics;
import java.util.Optional;

/** What every tag compiler shares during one compilation. */
final class CompilationContext {

    private final Diagnostics diagnostics;
    private final TemplateValueCompiler values;
    private final VariableScope variables;
    private boolean resumableSteps;
    private boolean finishInsideLoop;
    private int loopDepth;

    CompilationContext(Diagnostics diagnostics, VariableScope variables) {
        this.diagnostics = diagnostics;
        this.variables = variables;
        this.values = new TemplateValueCompiler(variables, diagnostics);
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    VariableScope variables() {
        return variables;
    }

    Optional<TemplateValue> value(XmlAttribute attribute) {
        return values.compile(attribute.value());
    }

    TemplateValueCompiler values() {
        return values;
    }

    /** Some step waits for the device and may give up: the process needs its failure handlers. */
    void usedResumableStep() {
        resumableSteps = true;
    }

    boolean hasResumableSteps() {
        return resumableSteps;
    }

    /** A finish inside a loop throws an error that a handler at process level turns into the end of the task. */
    void usedFinishInsideLoop() {
        finishInsideLoop = true;
    }

    boolean hasFinishInsideLoop() {
        return finishInsideLoop;
    }

    void enterLoop() {
        loopDepth++;
    }

    void leaveLoop() {
        loopDepth--;
    }

    boolean insideSubProcess() {
        return loopDepth > 0;
    }
}
