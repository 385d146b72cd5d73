package io.dmflow.lwm2m.bootstrap;

/** A step of a bootstrap session failed; the message says which and what the device answered. */
final class BootstrapFailure extends RuntimeException {

    BootstrapFailure(String message) {
        super(message, null, false, false);
    }
}
