package io.dmflow.simulator.delivery;

/** Why a pull download failed, in the terms both Object 5 and Object 9 report. */
public enum DownloadFailure {
    /** The URI cannot be parsed or names nothing (e.g. 404 / 4.04). */
    INVALID_URI,
    /** The scheme is one the device does not support. */
    UNSUPPORTED_PROTOCOL,
    /** The transfer started or was attempted and did not complete. */
    CONNECTION_LOST
}
