package io.dmflow.lwm2m.key;

/** A data-model key that names no object, instance or resource dmflow knows. */
public class UnknownKeyException extends IllegalArgumentException {

    private final String key;

    public UnknownKeyException(String key, String reason) {
        super("Unknown key '" + key + "': " + reason);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
