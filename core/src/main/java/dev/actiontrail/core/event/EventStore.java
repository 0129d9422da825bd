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
    long purgeBefore(Instant cutoff);

    /** The outcome of {@link #append}. */
    record AppendResult(int stored, int duplicates) {
    }
}
