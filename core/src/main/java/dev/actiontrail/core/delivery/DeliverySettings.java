package dev.actiontrail.core.delivery;

import java.time.Duration;

/**
 * How delivery batches and retries.
 *
 * @param maxEventsPerBatch  events read and delivered per destination per round
 * @param maxEventsPerObject events per delivered object (an OSS file is cut there, §6.1 "split when large")
 * @param maxBytesPerObject  UTF-8 bytes of an object's JSON array, the other cut (an event larger than this goes
 *                           alone in its object)
 * @param firstBackoff       the wait after a first failure; doubled per further failure
 * @param maxBackoff         the longest wait between attempts
 */
public record DeliverySettings(int maxEventsPerBatch, int maxEventsPerObject, long maxBytesPerObject,
                               Duration firstBackoff, Duration maxBackoff) {
    /** 100 000 events a round, 50 000 events or 64 MiB an object, retries after 1 s doubling up to 60 s. */
    public static final DeliverySettings DEFAULT = new DeliverySettings(100_000, 50_000, 64L << 20,
            Duration.ofSeconds(1), Duration.ofSeconds(60));

    /** The wait before the attempt after {@code failures} consecutive failures. */
    public Duration backoff(int failures) {
        Duration d = firstBackoff.multipliedBy(1L << Math.min(20, Math.max(0, failures - 1)));
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
