package io.dmflow.lwm2m.value;

import org.eclipse.leshan.core.model.ResourceModel;

/** A value that does not fit the resource it is meant for. */
public class ValueException extends IllegalArgumentException {

    public ValueException(ResourceModel model, Object value, String expectation) {
        super("Value " + (value instanceof String ? "'" + value + "'" : String.valueOf(value))
                + " does not fit resource " + model.id + " (" + model.name + "): " + expectation);
    }
}
