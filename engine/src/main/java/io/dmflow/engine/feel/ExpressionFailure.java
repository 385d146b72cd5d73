package io.dmflow.engine.feel;

/** An expression could not be evaluated to a value of the expected kind; becomes an incident. */
public class ExpressionFailure extends RuntimeException {
    public ExpressionFailure(String message) {
        super(message);
    }
}
