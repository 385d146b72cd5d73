package io.dmflow.api.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmflow.api.testing.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Reads kept from many threads at once, as the job workers keep them: each read's stage completes only once its
 * value is in the cache and the series, and a value that cannot be kept fails its own read and no other.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class DeviceValueBatchesTest {

    private static final int READS = 400;

    @Inject
    DeviceValues values;

    @Test
    void everyReadIsKeptBeforeItsStageCompletes() throws Exception {
        String endpoint = "batches-" + System.nanoTime();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Void>> kept = new ArrayList<>();
        try {
            List<CompletableFuture<CompletableFuture<Void>>> asked = new ArrayList<>();
            for (int i = 0; i < READS; i++) {
                String path = "/3/0/" + i;
                asked.add(CompletableFuture.supplyAsync(
                        () -> values.recordRead(endpoint, Map.of(path, "v" + path), Instant.now())
                                .toCompletableFuture()
                                .thenCompose(done -> {
                                    // Read at completion: the value must be there already.
                                    assertThat(values.latest(endpoint, path)).contains("v" + path);
                                    return CompletableFuture.<Void>completedFuture(null);
                                }),
                        callers));
            }
            for (CompletableFuture<CompletableFuture<Void>> one : asked) {
                kept.add(one.get(30, TimeUnit.SECONDS));
            }
            CompletableFuture.allOf(kept.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            callers.shutdownNow();
        }
        assertThat(values.latest(endpoint)).hasSize(READS);
        assertThat(values.history(endpoint, "/3/0/7", Instant.EPOCH, Instant.now(), 10))
                .singleElement()
                .satisfies(value -> assertThat(value.value()).isEqualTo("\"v/3/0/7\""));
    }

    @Test
    void aValueWithNoJsonFormFailsItsOwnReadOnly() throws Exception {
        String endpoint = "batches-bad-" + System.nanoTime();
        // An object Jackson has no serializer for: its read fails, the ones around it are kept.
        CompletableFuture<Void> before = values.recordRead(endpoint, Map.of("/3/0/0", "fine"), Instant.now())
                .toCompletableFuture();
        CompletableFuture<Void> bad = values.recordRead(endpoint, Map.of("/3/0/1", new Object()), Instant.now())
                .toCompletableFuture();
        CompletableFuture<Void> after = values.recordRead(endpoint, Map.of("/3/0/2", "fine too"), Instant.now())
                .toCompletableFuture();

        assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("/3/0/1");
        before.get(30, TimeUnit.SECONDS);
        after.get(30, TimeUnit.SECONDS);
        assertThat(values.latest(endpoint, "/3/0/0")).contains("fine");
        assertThat(values.latest(endpoint, "/3/0/2")).contains("fine too");
        assertThat(values.latest(endpoint, "/3/0/1")).isEmpty();
    }
}
