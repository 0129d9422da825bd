package dev.actiontrail.core.testing;

import dev.actiontrail.core.api.IdSource;

import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link IdSource} yielding predictable UUIDs: {@code 00000000-0000-0000-0000-000000000001}, then
 * {@code ...0002}, and so on (the counter is the low 64 bits, in hex). Thread-safe.
 */
public final class SequentialIds implements IdSource {
    private final AtomicLong counter;

    /** IDs numbered from 1. */
    public SequentialIds() {
        this(1);
    }

    /** IDs numbered from {@code first}. */
    public SequentialIds(long first) {
        this.counter = new AtomicLong(first - 1);
    }

    /** The {@code n}-th UUID this source yields when numbered from 1, e.g. {@code uuid(2)} = {@code ...0002}. */
    public static UUID uuid(long n) {
        return new UUID(0L, n);
    }

    /** The request ID ({@link IdSource#requestId()}) of the {@code n}-th UUID. */
    public static String requestId(long n) {
        return uuid(n).toString().toUpperCase(Locale.ROOT);
    }

    @Override
    public UUID next() {
        return uuid(counter.incrementAndGet());
    }

    /** The number of the last UUID handed out ({@code first - 1} before the first call). */
    public long last() {
        return counter.get();
    }
}
