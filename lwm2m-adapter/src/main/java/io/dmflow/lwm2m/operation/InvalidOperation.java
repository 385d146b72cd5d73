package io.dmflow.lwm2m.operation;

/** The operation cannot be asked of any device as given: unknown key, value of the wrong type, bad arguments. */
public final class InvalidOperation extends OperationFailure {

    public InvalidOperation(String endpoint, String message, Throwable cause) {
        super(endpoint, message, cause);
    }
}
