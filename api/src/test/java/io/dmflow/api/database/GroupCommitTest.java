package io.dmflow.api.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Items asked for while a batch is written go together into the next one; a failed batch fails its own items. */
class GroupCommitTest {

    @Test
    void itemsQueuedDuringAWriteShareTheNextBatch() throws Exception {
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstWriteHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommit<Integer> commit = new GroupCommit<>("test-writer", batch -> {
            batches.add(List.copyOf(batch));
            if (batch.contains(0)) {
                firstWriteHeld.countDown();
                await(release);
            }
        })) {
            CompletableFuture<Void> first = commit.submit(0);
            assertThat(firstWriteHeld.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Void>> rest = new ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                rest.add(commit.submit(i));
            }
            assertThat(rest).noneMatch(CompletableFuture::isDone);
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).hasSize(50);
    }

    @Test
    void aFailedWriteFailsItsItemsAndTheNextBatchIsWritten() throws Exception {
        try (GroupCommit<String> commit = new GroupCommit<>("test-writer", batch -> {
            if (batch.contains("bad")) {
                throw new IllegalStateException("refused");
            }
        })) {
            assertThatThrownBy(() -> commit.submit("bad").get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("refused");
            commit.submit("good").get(10, TimeUnit.SECONDS);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
