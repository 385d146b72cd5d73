package io.dmflow.lwm2m.operation;

import io.dmflow.lwm2m.key.UnknownKeyException;
import io.dmflow.lwm2m.operation.DownlinkFailure.Reason;
import io.dmflow.lwm2m.value.ValueException;
import java.util.concurrent.CompletionException;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.request.exception.ClientSleepingException;
import org.eclipse.leshan.core.request.exception.InvalidRequestException;
import org.eclipse.leshan.core.request.exception.InvalidResponseException;
import org.eclipse.leshan.core.request.exception.RequestCanceledException;
import org.eclipse.leshan.core.request.exception.SendFailedException;
import org.eclipse.leshan.core.request.exception.TimeoutException;
import org.eclipse.leshan.core.request.exception.UnconnectedPeerException;
import org.eclipse.leshan.core.response.LwM2mResponse;

/** Leshan's and dmflow's exceptions, sorted into the {@link OperationFailure} taxonomy. */
final class FailureTranslation {

    /**
     * What a Leshan-based client says, with 5.00, to a request that reaches it while it does not hold a registration
     * with the server that sent it: between stopping and its next registration after a reboot, or when it registered
     * through another server.
     */
    private static final String UNKNOWN_SERVER = "unknown server";

    private FailureTranslation() {}

    /**
     * The failure an error answer of the device stands for: a {@link DeviceErrorResponse}, except for the answer of
     * a device that does not know this server, which acted on nothing and is reached again at its next registration.
     */
    static OperationFailure refusal(String endpoint, String operation, LwM2mResponse response) {
        String message = response.getErrorMessage();
        if (response.getCode().equals(ResponseCode.INTERNAL_SERVER_ERROR)
                && message != null
                && message.strip().equalsIgnoreCase(UNKNOWN_SERVER)) {
            return new DownlinkFailure(
                    endpoint,
                    Reason.SERVER_UNKNOWN,
                    "answered " + operation + " with 5.00 \"" + message
                            + "\": it holds no registration with this server now (shutting down, booting, or"
                            + " registered elsewhere)",
                    null);
        }
        return new DeviceErrorResponse(endpoint, operation, response.getCode(), message);
    }

    static OperationFailure translate(String endpoint, String operation, Throwable error) {
        if (error instanceof CompletionException && error.getCause() != null) {
            return translate(endpoint, operation, error.getCause());
        }
        if (error instanceof OperationFailure failure) {
            return failure;
        }
        if (error instanceof ClientSleepingException) {
            return new DownlinkFailure(endpoint, Reason.SLEEPING, "is sleeping (queue mode)", error);
        }
        if (error instanceof TimeoutException timeout) {
            return new DownlinkFailure(
                    endpoint,
                    Reason.TIMEOUT,
                    "did not answer " + operation + " in time (" + timeout.getType() + ")",
                    error);
        }
        if (error instanceof SendFailedException || error instanceof UnconnectedPeerException) {
            return new DownlinkFailure(
                    endpoint, Reason.UNREACHABLE, "could not be reached: " + error.getMessage(), error);
        }
        if (error instanceof RequestCanceledException) {
            return new DownlinkFailure(
                    endpoint, Reason.UNREACHABLE, "cancelled " + operation + ": " + error.getMessage(), error);
        }
        if (error instanceof InvalidResponseException) {
            // The device answered garbage: retrying the same request gets the same garbage, so it is the device's
            // error answer, not dmflow's fault to retry until an incident.
            return DeviceErrorResponse.unreadable(endpoint, operation, error);
        }
        if (error instanceof InvalidRequestException
                || error instanceof ValueException
                || error instanceof UnknownKeyException) {
            return new InvalidOperation(endpoint, operation + " is invalid: " + error.getMessage(), error);
        }
        return new AdapterFault(endpoint, operation + " failed in dmflow: " + error, error);
    }
}
