package io.dmflow.lwm2m.operation;

/** dmflow itself failed while performing the operation (encoding, a stopped server, an unexpected error). */
public final class AdapterFault extends OperationFailure {

    public AdapterFault(String endpoint, String message, Throwable cause) {
        super(endpoint, message, cause);
    }
}
