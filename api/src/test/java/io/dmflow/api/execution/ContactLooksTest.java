package io.dmflow.api.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContactLooksTest {

    private static final Duration PERIOD = Duration.ofSeconds(1);

    private record Look(String endpoint, long atNanos) {}

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Look> looks = new CopyOnWriteArrayList<>();
    private final ContactLooks contacts =
            new ContactLooks(PERIOD, timer, endpoint -> looks.add(new Look(endpoint, System.nanoTime())));

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void aDevicesFirstContactIsLookedAtAtOnce() {
        contacts.contact("quiet-device");

        assertThat(looks).extracting(Look::endpoint).containsExactly("quiet-device");
    }

    @Test
    void devicesHaveAPeriodEach() {
        contacts.contact("device-a");
        contacts.contact("device-b");

        assertThat(looks).extracting(Look::endpoint).containsExactly("device-a", "device-b");
    }

    @Test
    void aBurstOfContactsIsOneLookNowAndOneAtThePeriodsEnd() {
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            contacts.contact("chatty-device");
        }
        assertThat(looks).hasSize(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> looks.size() >= 2);
        assertThat(looks).hasSize(2).extracting(Look::endpoint).containsOnly("chatty-device");
        assertThat(looks.get(1).atNanos() - start)
                .as("the last contact's look waits for the period's end")
                .isGreaterThanOrEqualTo(PERIOD.toNanos() - Duration.ofMillis(1).toNanos());
    }

    @Test
    void aContactAfterThePeriodIsLookedAtAtOnceAgain() throws InterruptedException {
        contacts.contact("hourly-device");
        // The period has to pass on the clock: there is no event to wait for.
        Thread.sleep(PERIOD.toMillis() + 50);
        contacts.contact("hourly-device");

        assertThat(looks).hasSize(2);
    }

    @Test
    void silentDevicesAreForgotten() throws InterruptedException {
        ContactLooks shortPeriod = new ContactLooks(Duration.ofMillis(20), timer, endpoint -> {});
        for (int i = 0; i < 100; i++) {
            shortPeriod.contact("device-" + i);
        }
        assertThat(shortPeriod.trackedDevices()).isEqualTo(100);
        // Ten periods have to pass on the clock before the next contact sweeps.
        Thread.sleep(250);
        shortPeriod.contact("device-new");

        assertThat(shortPeriod.trackedDevices()).isEqualTo(1);
    }
}
