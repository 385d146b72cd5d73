package io.dmflow.lwm2m.operation;

import org.eclipse.leshan.core.ResponseCode;

/** The device answered with a CoAP error code. */
public final class DeviceErrorResponse extends OperationFailure {

    private final String status;

    DeviceErrorResponse(String endpoint, String operation, ResponseCode code, String deviceMessage) {
        super(
                endpoint,
                "Device " + endpoint + " answered " + operation + " with " + code.getName() + " ("
                        + code.getCode() / 100 + "." + String.format("%02d", code.getCode() % 100) + ")"
                        + (deviceMessage == null || deviceMessage.isBlank() ? "" : ": " + deviceMessage),
                null);
        this.status = code.getName();
    }

    /** The code's LwM2M name, e.g. {@code NOT_FOUND}, {@code METHOD_NOT_ALLOWED}. */
    public String status() {
        return status;
    }
}
