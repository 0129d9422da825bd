package dev.actiontrail.bench;

import java.util.Arrays;

/** A growable list of nanosecond samples and its percentiles (nearest-rank). */
final class Stats {
    private long[] samples = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    void addAll(Stats other) {
        for (int i = 0; i < other.size; i++) {
            add(other.samples[i]);
        }
    }

    int count() {
        return size;
    }

    /** The p-th percentile (0 < p ≤ 100) in milliseconds, nearest-rank; NaN when empty. */
    double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    double maxMillis() {
        return percentileMillis(100);
    }
}
