package io.dmflow.api.observation;

import io.dmflow.api.database.GroupCommit;
import io.dmflow.lwm2m.event.DeviceValue;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps the values flows read in the data model cache, many reads to a transaction ({@link GroupCommit}): every
 * read of every execution wrote a transaction of its own before, a tenth of what a read-write-read execution cost
 * the database. Each read's stage completes once its values are committed, so a flow's next step (and the device's
 * page) sees them.
 */
@ApplicationScoped
public class DeviceValueBatches {

    @Inject
    DeviceValueRecorder recorder;

    private GroupCommit<List<Object[]>> reads;

    @PostConstruct
    void open() {
        reads = new GroupCommit<>(
                "dmflow-value-writer",
                batch -> recorder.write(batch.stream().flatMap(List::stream).toList()));
    }

    @PreDestroy
    void close() {
        reads.close();
    }

    /** Completes when the values are committed; fails (alone) when one has no JSON form. */
    public CompletableFuture<Void> keep(List<DeviceValue> values) {
        List<Object[]> rows;
        try {
            rows = recorder.rows(values);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return reads.submit(rows);
    }
}
