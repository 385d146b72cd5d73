package io.dmflow.engine.model;

/** The BPMN is invalid, or uses something the embedded engine does not run; names the element. */
public class UnsupportedModelException extends RuntimeException {
    public UnsupportedModelException(String message) {
        super(message);
    }
}
