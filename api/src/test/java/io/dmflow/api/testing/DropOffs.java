package io.dmflow.api.testing;

import io.dmflow.simulator.fleet.SimulatedDevice;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;

/** Devices that dropped off at a step of a task each, brought back once their execution waits for them. */
public final class DropOffs {

    private DropOffs() {}

    /**
     * For each step in turn: waits for its execution to wait for its device, notes whether the device is offline
     * then (named by the step), and brings the device back.
     */
    public static <S> void bringBackWhenWaitedFor(
            List<S> steps,
            Function<S, String> name,
            Function<S, SimulatedDevice> device,
            Function<S, String> execution,
            SoftAssertions softly) {
        for (S step : steps) {
            TaskApi.awaitStatus(execution.apply(step), "WAITING_FOR_DEVICE");
            softly.assertThat(device.apply(step).isOffline())
                    .as("%s: offline while waited for", name.apply(step))
                    .isTrue();
            device.apply(step).comeBack();
        }
    }
}
