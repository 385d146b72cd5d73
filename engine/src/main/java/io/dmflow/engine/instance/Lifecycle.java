package io.dmflow.engine.instance;

import java.util.EnumSet;
import java.util.Set;

/**
 * Element instance lifecycle, as Zeebe's intents; ACTIVATING..COMPLETING all read as ACTIVE. An
 * instance moves forward one step at a time (ACTIVATING, ACTIVATED, COMPLETING, COMPLETED) or, from
 * any state that is not final, to TERMINATED; nothing leaves a final state.
 */
public enum Lifecycle {
    ACTIVATING,
    ACTIVATED,
    COMPLETING,
    COMPLETED,
    TERMINATED;

    public boolean isFinal() {
        return this == COMPLETED || this == TERMINATED;
    }

    /** The states this one may move to. */
    public Set<Lifecycle> successors() {
        return switch (this) {
            case ACTIVATING -> EnumSet.of(ACTIVATED, TERMINATED);
            case ACTIVATED -> EnumSet.of(COMPLETING, TERMINATED);
            case COMPLETING -> EnumSet.of(COMPLETED, TERMINATED);
            case COMPLETED, TERMINATED -> EnumSet.noneOf(Lifecycle.class);
        };
    }

    public boolean canBecome(Lifecycle next) {
        return successors().contains(next);
    }

    public String externalState() {
        return switch (this) {
            case COMPLETED -> "COMPLETED";
            case TERMINATED -> "TERMINATED";
            default -> "ACTIVE";
        };
    }
}
