package io.dmflow.lwm2m.delivery;

import java.util.Locale;

/** How a device pulls a package: the scheme of the Package URI it is given. */
public enum TransferProtocol {
    COAP("coap"),
    COAPS("coaps"),
    HTTP("http"),
    HTTPS("https");

    private final String scheme;

    TransferProtocol(String scheme) {
        this.scheme = scheme;
    }

    public String scheme() {
        return scheme;
    }

    public static TransferProtocol parse(String name) {
        for (TransferProtocol protocol : values()) {
            if (protocol.name().equalsIgnoreCase(name.trim())
                    || protocol.scheme.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return protocol;
            }
        }
        throw new IllegalArgumentException(
                "Unknown transfer protocol '" + name + "', expected CoAP, CoAPs, HTTP or HTTPS");
    }
}
