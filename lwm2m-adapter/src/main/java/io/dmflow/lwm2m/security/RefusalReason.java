package io.dmflow.lwm2m.security;

/** Why a device was turned away before it could register; each is counted by {@link SecurityRefusals}. */
public enum RefusalReason {
    /** A DTLS handshake named a PSK identity no endpoint has. */
    UNKNOWN_PSK_IDENTITY("unknown PSK identity"),
    /** A DTLS handshake with a known PSK identity failed: the device's key is not the one on record. */
    WRONG_PSK_KEY("wrong PSK key"),
    /** A DTLS handshake with a raw public key or certificate failed: it is not trusted. */
    UNTRUSTED_KEY("untrusted public key or certificate"),
    /** Another DTLS handshake failure reported by the device or the server (a fatal alert). */
    HANDSHAKE_FAILED("DTLS handshake failed"),
    /** Plain CoAP for an endpoint that has credentials: answered 4.03. */
    NOT_SECURED("plain CoAP for an endpoint with credentials"),
    /** DTLS with credentials that are not this endpoint's (another's PSK identity, a key not on record): 4.03. */
    WRONG_CREDENTIALS("credentials of another endpoint or none on record");

    private final String description;

    RefusalReason(String description) {
        this.description = description;
    }

    /** A few words for the log line. */
    public String description() {
        return description;
    }
}
