package io.dmflow.lwm2m.operation;

import org.eclipse.leshan.core.ResponseCode;

/**
 * The device answered with a CoAP error code, or with an answer that cannot be read (a payload that does not decode
 * in its content format). Either way the device was reached and said something no retry by dmflow will change.
 */
public final class DeviceErrorResponse extends OperationFailure {

    /** The {@link #status()} of an answer whose payload could not be decoded: the device's fault, not a CoAP code. */
    public static final String UNREADABLE_ANSWER = "UNREADABLE_ANSWER";

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

    private DeviceErrorResponse(String endpoint, String message, String status, Throwable cause) {
        super(endpoint, message, cause);
        this.status = status;
    }

    /** A success code whose payload does not decode, e.g. bytes that are no TLV under the TLV content format. */
    static DeviceErrorResponse unreadable(String endpoint, String operation, Throwable cause) {
        return new DeviceErrorResponse(
                endpoint,
                "Device " + endpoint + " answered " + operation + " with a payload that cannot be read: "
                        + cause.getMessage(),
                UNREADABLE_ANSWER,
                cause);
    }

    /** The code's LwM2M name, e.g. {@code NOT_FOUND}, {@code METHOD_NOT_ALLOWED}; or {@link #UNREADABLE_ANSWER}. */
    public String status() {
        return status;
    }
}
