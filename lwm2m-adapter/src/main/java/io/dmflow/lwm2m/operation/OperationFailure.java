package io.dmflow.lwm2m.operation;

/**
 * Why an operation on a device did not succeed. The subclasses are the taxonomy workers map to BPMN:
 * {@link DownlinkFailure} (wait for the device), {@link DeviceErrorResponse} (the device said no),
 * {@link InvalidOperation} (the request itself is wrong) and {@link AdapterFault} (dmflow's own fault).
 */
public abstract sealed class OperationFailure extends RuntimeException
        permits DownlinkFailure, DeviceErrorResponse, InvalidOperation, AdapterFault {

    private final String endpoint;

    protected OperationFailure(String endpoint, String message, Throwable cause) {
        super(message, cause);
        this.endpoint = endpoint;
    }

    public String endpoint() {
        return endpoint;
    }
}
