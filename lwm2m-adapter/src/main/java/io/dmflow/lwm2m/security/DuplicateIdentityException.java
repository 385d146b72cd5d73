package io.dmflow.lwm2m.security;

/** Two endpoints would share one PSK identity or one public key: the server could not tell them apart. */
public final class DuplicateIdentityException extends RuntimeException {

    private final String otherEndpoint;

    public DuplicateIdentityException(String what, String otherEndpoint) {
        super(what + " is already used by endpoint " + otherEndpoint);
        this.otherEndpoint = otherEndpoint;
    }

    public String otherEndpoint() {
        return otherEndpoint;
    }
}
