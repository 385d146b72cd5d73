package io.dmflow.lwm2m.operation;

import java.util.Locale;

/** How a request sent to a device ended, in the {@link OperationFailure} taxonomy. */
public enum RequestOutcome {
    /** The device answered with a success code. */
    SUCCESS,
    /** The device answered with an error code ({@link DeviceErrorResponse}). */
    DEVICE_ERROR,
    /** The device was not reached: not registered, sleeping, no answer in time ({@link DownlinkFailure}). */
    DOWNLINK_FAILURE,
    /** The request could not be encoded or was refused before it left ({@link InvalidOperation}). */
    INVALID,
    /** dmflow's own fault ({@link AdapterFault}). */
    FAULT;

    static RequestOutcome of(Throwable failure) {
        if (failure == null) {
            return SUCCESS;
        }
        OperationFailure translated = FailureTranslation.translate(null, "the request", failure);
        if (translated instanceof DeviceErrorResponse) {
            return DEVICE_ERROR;
        }
        if (translated instanceof DownlinkFailure) {
            return DOWNLINK_FAILURE;
        }
        if (translated instanceof InvalidOperation) {
            return INVALID;
        }
        return FAULT;
    }

    /** The name metrics and logs use, e.g. {@code device_error}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
