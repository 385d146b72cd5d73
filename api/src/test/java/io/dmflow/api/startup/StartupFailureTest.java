package io.dmflow.api.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.ConfigValidationException;
import java.net.BindException;
import org.junit.jupiter.api.Test;

class StartupFailureTest {

    @Test
    void theReasonWordedForTheOperatorWinsOverTheCausesItWraps() {
        Throwable failure = new RuntimeException(
                "Failed to start quarkus",
                CannotStart.because(
                        "the LwM2M server cannot listen on coap://127.0.0.1:5683",
                        new IllegalStateException(
                                "Unable to start endpoint", new BindException("Address already in use"))));
        assertThat(StartupFailure.describe(failure))
                .isEqualTo("dmflow cannot start: the LwM2M server cannot listen "
                        + "on coap://127.0.0.1:5683 (Address already in use)");
    }

    @Test
    void anyOtherFailureIsItsRootCauseOnOneLine() {
        Throwable failure = new RuntimeException(
                "Failed to start quarkus",
                new IllegalStateException("outer", new IllegalArgumentException("first line\n\tsecond line")));
        assertThat(StartupFailure.describe(failure))
                .isEqualTo("dmflow cannot start: first line second line (java.lang.IllegalArgumentException)");
    }

    @Test
    void aSettingThatCannotBeReadIsNamedByEachProblem() {
        Throwable failure = new RuntimeException(
                "Failed to start quarkus", new ConfigValidationException(new ConfigValidationException.Problem[] {
                    new ConfigValidationException.Problem(
                            "java.lang.IllegalArgumentException: SRCFG00039: The config property dmflow.lwm2m.coap.port "
                                    + "with the config value \"coap\" threw an Exception")
                }));
        assertThat(StartupFailure.describe(failure))
                .isEqualTo("dmflow cannot start: SRCFG00039: The config property "
                        + "dmflow.lwm2m.coap.port with the config value \"coap\" threw an Exception");
    }
}
