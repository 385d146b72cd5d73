package io.dmflow.engine.processing.behavior;

/** An exclusive or inclusive gateway found no true condition and has no default flow. */
public final class NoFlowTakenException extends RuntimeException {
    public NoFlowTakenException(String gatewayId) {
        super("Expected at least one condition to evaluate to true, or to have a default flow (gateway '" + gatewayId
                + "')");
    }
}
