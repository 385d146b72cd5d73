package io.dmflow.lwm2m.operation;

import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mPath;

import io.dmflow.lwm2m.value.PlainValues;

/** What a Read (or the first answer of an Observe) returned. */
public record ReadResult(LwM2mPath path, LwM2mNode node) {

    /** The data in plain form; see {@link PlainValues}. */
    public Object value() {
        return PlainValues.of(node);
    }
}
