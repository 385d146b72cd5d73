package io.dmflow.engine.rejection;

/**
 * A command the engine refuses: what kind of refusal and why, in words for the caller. It knows
 * nothing of HTTP; the REST layer decides how a rejection travels.
 */
public class EngineRejection extends RuntimeException {
    private final RejectionType type;

    public EngineRejection(RejectionType type, String detail) {
        super(detail);
        this.type = type;
    }

    public RejectionType type() {
        return type;
    }

    public static EngineRejection notFound(String detail) {
        return new EngineRejection(RejectionType.NOT_FOUND, detail);
    }

    public static EngineRejection invalidState(String detail) {
        return new EngineRejection(RejectionType.INVALID_STATE, detail);
    }

    public static EngineRejection alreadyExists(String detail) {
        return new EngineRejection(RejectionType.ALREADY_EXISTS, detail);
    }

    public static EngineRejection invalidArgument(String detail) {
        return new EngineRejection(RejectionType.INVALID_ARGUMENT, detail);
    }

    public static EngineRejection deadlineExceeded(String detail) {
        return new EngineRejection(RejectionType.DEADLINE_EXCEEDED, detail);
    }

    public static EngineRejection unavailable(String detail) {
        return new EngineRejection(RejectionType.UNAVAILABLE, detail);
    }
}
