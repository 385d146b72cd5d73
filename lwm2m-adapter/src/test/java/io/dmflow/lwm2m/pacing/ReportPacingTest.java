package io.dmflow.lwm2m.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A device's reports beyond its share of a second are left out; other devices and the next second are not touched. */
class ReportPacingTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void reportsBeyondTheLimitWithinASecondAreLeftOutAndTheNextSecondStartsAfresh() {
        ReportPacing pacing = new ReportPacing(3);
        long start = 5 * SECOND;

        assertThat(pacing.admit("flood", start)).isTrue();
        assertThat(pacing.admit("flood", start + 1)).isTrue();
        assertThat(pacing.admit("flood", start + 2)).isTrue();
        assertThat(pacing.admit("flood", start + 3)).isFalse();
        assertThat(pacing.admit("quiet", start + 4)).as("another device").isTrue();
        assertThat(pacing.admit("flood", start + SECOND)).as("the next second").isTrue();
    }

    @Test
    void aDeviceThatIsForgottenStartsAfresh() {
        ReportPacing pacing = new ReportPacing(1);
        assertThat(pacing.admit("dev", 0)).isTrue();
        assertThat(pacing.admit("dev", 1)).isFalse();
        pacing.forget("dev");
        assertThat(pacing.admit("dev", 2)).isTrue();
    }

    @Test
    void devicesThatStoppedReportingAreForgottenOnceTheyHaveBeenIdleLongEnough() {
        ReportPacing pacing = new ReportPacing(1);
        long start = System.nanoTime();
        pacing.admit("gone", start);
        pacing.admit("talking", start);
        assertThat(pacing.trackedDevices()).isEqualTo(2);

        long later = start + ReportPacing.IDLE_NANOS + SECOND;
        assertThat(pacing.admit("talking", later)).isTrue();
        assertThat(pacing.trackedDevices())
                .as("only the device that still reports")
                .isEqualTo(1);
    }
}
