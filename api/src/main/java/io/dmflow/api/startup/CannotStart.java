package io.dmflow.api.startup;

/**
 * A reason dmflow cannot start, worded for the operator: it names the setting or the resource at fault and what is
 * wrong with it. {@link StartupFailure} prints this message rather than that of a lower-level cause.
 */
public class CannotStart extends RuntimeException {

    public CannotStart(String reason) {
        super(reason);
    }

    public CannotStart(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** {@code what} went wrong, followed by the lowest-level reason in parentheses, e.g. "(Address already in use)". */
    public static CannotStart because(String what, Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getMessage() == null || root.getMessage().isBlank()
                ? root.getClass().getName()
                : root.getMessage();
        return new CannotStart(what + " (" + reason + ")", cause);
    }
}
