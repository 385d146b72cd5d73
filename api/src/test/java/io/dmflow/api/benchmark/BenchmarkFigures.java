package io.dmflow.api.benchmark;

import java.lang.management.ManagementFactory;

/** Figures the benchmarks compute alike. */
final class BenchmarkFigures {

    private BenchmarkFigures() {}

    /** The value below which {@code percent} of the sorted values lie. */
    static long percentile(long[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    /** Heap in use after asking the collector, three times, to clear what is garbage. */
    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200); // lets the collector finish; there is no signal for it
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
