package io.dmflow.lwm2m.operation;

/** The request did not reach the device, or its answer did not reach us: worth retrying at its next contact. */
public final class DownlinkFailure extends OperationFailure {

    public enum Reason {
        /** The device has no registration with this server. */
        NOT_REGISTERED,
        /** A queue-mode device that is not listening now. */
        SLEEPING,
        /** No answer within the operation's timeout. */
        TIMEOUT,
        /** The request could not be sent, or was cancelled because the registration ended. */
        UNREACHABLE,
        /**
         * The device answered that it does not know the server that asked: it is shutting down or booting (its
         * registration here is stale), or it registered through another server. It acted on nothing.
         */
        SERVER_UNKNOWN
    }

    private final Reason reason;

    public DownlinkFailure(String endpoint, Reason reason, String message, Throwable cause) {
        super(endpoint, "Device " + endpoint + " " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
