package io.dmflow.engine.feel;

/** An expression in a model does not parse; the deployment is rejected. */
public class InvalidExpressionException extends RuntimeException {
    public InvalidExpressionException(String message) {
        super(message);
    }
}
