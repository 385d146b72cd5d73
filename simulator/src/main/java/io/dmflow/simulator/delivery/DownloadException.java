package io.dmflow.simulator.delivery;

/** A pull download that did not deliver a package. */
public final class DownloadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final DownloadFailure failure;

    public DownloadException(DownloadFailure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public DownloadException(DownloadFailure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public DownloadFailure failure() {
        return failure;
    }
}
