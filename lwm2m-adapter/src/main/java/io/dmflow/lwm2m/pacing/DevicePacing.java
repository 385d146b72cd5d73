package io.dmflow.lwm2m.pacing;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps constrained devices from being flooded: at most {@code perDevice} requests are in flight to
 * one device, the rest wait in order. Devices never wait for each other, and a device with nothing
 * queued costs nothing.
 */
public final class DevicePacing {

    private final int perDevice;
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

    public DevicePacing(int perDevice) {
        if (perDevice < 1) {
            throw new IllegalArgumentException("At least one request per device must be allowed, was " + perDevice);
        }
        this.perDevice = perDevice;
    }

    /** Runs {@code request} when the device has a free slot; the result completes with the request's. */
    public <T> CompletableFuture<T> submit(String endpoint, Supplier<CompletableFuture<T>> request) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> {
            CompletableFuture<T> sent;
            try {
                sent = request.get();
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenComplete((value, failure) -> {
                release(endpoint);
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            });
        };
        Runnable[] runNow = new Runnable[1];
        // All lane changes happen inside the map's per-key compute, which serializes them per device.
        lanes.compute(endpoint, (key, lane) -> {
            Lane current = lane == null ? new Lane() : lane;
            if (current.inFlight < perDevice) {
                current.inFlight++;
                runNow[0] = start;
            } else {
                current.waiting.add(start);
            }
            return current;
        });
        if (runNow[0] != null) {
            runNow[0].run();
        }
        return result;
    }

    /** Requests waiting or in flight for a device. */
    public int load(String endpoint) {
        int[] load = new int[1];
        lanes.computeIfPresent(endpoint, (key, lane) -> {
            load[0] = lane.inFlight + lane.waiting.size();
            return lane;
        });
        return load[0];
    }

    private void release(String endpoint) {
        Runnable[] next = new Runnable[1];
        lanes.computeIfPresent(endpoint, (key, lane) -> {
            next[0] = lane.waiting.poll();
            if (next[0] != null) {
                return lane;
            }
            lane.inFlight--;
            return lane.inFlight == 0 ? null : lane;
        });
        if (next[0] != null) {
            next[0].run();
        }
    }

    private static final class Lane {
        private final Queue<Runnable> waiting = new ArrayDeque<>();
        private int inFlight;
    }
}
