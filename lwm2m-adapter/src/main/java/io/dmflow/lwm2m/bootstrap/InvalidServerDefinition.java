package io.dmflow.lwm2m.bootstrap;

/** A server definition that cannot be: names the component that is wrong, so a caller can point at its own field. */
public final class InvalidServerDefinition extends IllegalArgumentException {

    private final String component;

    InvalidServerDefinition(String component, String message) {
        super(message);
        this.component = component;
    }

    /** The {@link ServerDefinition} component at fault: {@code name}, {@code uri}, {@code shortServerId}, ... */
    public String component() {
        return component;
    }
}
