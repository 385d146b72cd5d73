package io.dmflow.lwm2m.operation;

import java.time.Duration;

/**
 * How long an operation waits for the device's answer.
 *
 * @param request ordinary requests
 * @param blockTransfer requests whose payload travels block-wise (firmware and package pushes)
 */
public record OperationTimeouts(Duration request, Duration blockTransfer) {

    public OperationTimeouts {
        if (request.isNegative() || request.isZero() || blockTransfer.isNegative() || blockTransfer.isZero()) {
            throw new IllegalArgumentException("Timeouts must be positive");
        }
    }

    public static OperationTimeouts defaults() {
        return new OperationTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(10));
    }
}
