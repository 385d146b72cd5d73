package io.dmflow.lwm2m.event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs event handling off Leshan's I/O threads. Events of one endpoint always go to the same lane, so a
 * registration is never handled after the update that follows it, while devices on other lanes proceed
 * in parallel.
 */
public final class DeviceEventLanes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceEventLanes.class);

    private final List<ExecutorService> lanes;

    public DeviceEventLanes(int laneCount) {
        if (laneCount < 1) {
            throw new IllegalArgumentException("laneCount must be at least 1, was " + laneCount);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        List<ExecutorService> created = new ArrayList<>(laneCount);
        for (int i = 0; i < laneCount; i++) {
            created.add(Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "dmflow-device-events-" + threadNumber.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            }));
        }
        this.lanes = List.copyOf(created);
    }

    public void submit(String endpoint, Runnable handling) {
        ExecutorService lane = lanes.get(Math.floorMod(endpoint.hashCode(), lanes.size()));
        lane.execute(() -> {
            try {
                handling.run();
            } catch (RuntimeException e) {
                // One device's failing handler must not stop the lane for the devices that share it.
                LOG.error("Handling an event of device {} failed", endpoint, e);
            }
        });
    }

    @Override
    public void close() {
        lanes.forEach(ExecutorService::shutdown);
        for (ExecutorService lane : lanes) {
            try {
                if (!lane.awaitTermination(5, TimeUnit.SECONDS)) {
                    lane.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lane.shutdownNow();
            }
        }
    }
}
