package dev.actiontrail.core.event;

import dev.actiontrail.core.account.AccountId;

import java.time.Instant;
import java.util.List;

/**
 * Port: the durable event history. Implementations keep each event's JSON as given and index its
 * {@link AuditEvent#attributes()} so every {@link LookupKey} is served in time order.
 */
public interface EventStore {
    /**
     * Stores the events for {@code account} in one transaction and returns only once it is durable (committed).
     * An event whose eventId the account already has is not stored again.
     *
     * @return how many were stored and how many were duplicates (within the batch or of stored events)
     */
    AppendResult append(AccountId account, List<AuditEvent> events);

    /** At most {@code limit} events matching the query, in its direction. */
    List<StoredEvent> find(EventQuery query, int limit);

    /** Deletes every event older than {@code cutoff}; returns how many were deleted. */
    default long purgeBefore(Instant cutoff) {
        return purgeBefore(cutoff, Long.MAX_VALUE);
    }

    /**
     * Deletes, in one transaction, every event with {@code eventTime < cutoff} (compared in ms) and a sequence
     * number below {@code belowSeq} — the events at or above it are kept whatever their age (a trail has still to
     * deliver them); returns how many were deleted. Only the retention use case calls this.
     */
    long purgeBefore(Instant cutoff, long belowSeq);

    /** How many events {@link #purgeBefore(Instant, long)} with the same arguments would delete now. */
    long countBefore(Instant cutoff, long belowSeq);

    /** The outcome of {@link #append}. */
    record AppendResult(int stored, int duplicates) {
    }
}
