package io.dmflow.lwm2m.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DevicePacingTest {

    @Test
    void oneRequestAtATimePerDeviceInOrder() {
        DevicePacing pacing = new DevicePacing(1);
        List<CompletableFuture<String>> answers = new ArrayList<>();
        List<String> started = new ArrayList<>();
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "r" + i;
            CompletableFuture<String> answer = new CompletableFuture<>();
            answers.add(answer);
            results.add(pacing.submit("dev", () -> {
                started.add(name);
                return answer;
            }));
        }
        assertThat(started).containsExactly("r0");
        assertThat(pacing.load("dev")).isEqualTo(3);
        answers.get(0).complete("a0");
        assertThat(started).containsExactly("r0", "r1");
        answers.get(1).completeExceptionally(new IllegalStateException("boom"));
        assertThat(started).containsExactly("r0", "r1", "r2");
        assertThat(results.get(1)).isCompletedExceptionally();
        answers.get(2).complete("a2");
        assertThat(results.get(0)).isCompletedWithValue("a0");
        assertThat(results.get(2)).isCompletedWithValue("a2");
        assertThat(pacing.load("dev")).isZero();
    }

    @Test
    void devicesNeverWaitForEachOther() {
        DevicePacing pacing = new DevicePacing(1);
        CompletableFuture<String> stuck = new CompletableFuture<>();
        pacing.submit("slow", () -> stuck);
        CompletableFuture<String> other = pacing.submit("fast", () -> CompletableFuture.completedFuture("ok"));
        assertThat(other).isCompletedWithValue("ok");
        assertThat(pacing.load("slow")).isEqualTo(1);
    }

    @Test
    void aLimitAboveOneLetsThatManyRun() {
        DevicePacing pacing = new DevicePacing(2);
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "r" + i;
            pacing.submit("dev", () -> {
                started.add(name);
                return new CompletableFuture<String>();
            });
        }
        assertThat(started).containsExactly("r0", "r1");
    }

    @Test
    void aRequestThatThrowsBeforeSendingFreesItsSlot() {
        DevicePacing pacing = new DevicePacing(1);
        CompletableFuture<String> failed = pacing.submit("dev", () -> {
            throw new IllegalArgumentException("bad key");
        });
        assertThat(failed).isCompletedExceptionally();
        assertThat(pacing.submit("dev", () -> CompletableFuture.completedFuture("next")))
                .isCompletedWithValue("next");
    }
}
