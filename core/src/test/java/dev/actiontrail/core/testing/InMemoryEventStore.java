package dev.actiontrail.core.testing;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.event.AuditEvent;
import dev.actiontrail.core.event.Direction;
import dev.actiontrail.core.event.EventQuery;
import dev.actiontrail.core.event.EventStore;
import dev.actiontrail.core.event.StoredEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An {@link EventStore} in memory with exactly the semantics of the port and of {@link EventQuery}:
 * <ul>
 *   <li>{@link #append} stores a batch atomically; an event whose (account, eventId) is already stored, or that
 *       repeats an eventId earlier in the same batch, is counted as a duplicate and not stored; each stored event
 *       gets the next insertion sequence number (1, 2, …), global to the store;</li>
 *   <li>{@link #find} returns the query account's events whose eventTime is within {@code [start, end]}
 *       (inclusive, compared in milliseconds like the (eventTime ms, seq) order) and that carry every filter
 *       attribute (AND, exact match), ordered by (eventTime ms, seq) ascending for FORWARD and descending for
 *       BACKWARD, strictly after {@code after} in that order when given, at most {@code limit};</li>
 *   <li>{@link #purgeBefore} deletes events whose eventTime is before the cutoff (their eventIds may then be
 *       stored again).</li>
 * </ul>
 * Thread-safe.
 */
public final class InMemoryEventStore implements EventStore {
    private record Row(AccountId account, long seq, AuditEvent event) {
        long millis() {
            return event.eventTime().toEpochMilli();
        }
    }

    private record Id(AccountId account, String eventId) {
    }

    private static final Comparator<Row> FORWARD = Comparator.comparingLong(Row::millis).thenComparingLong(Row::seq);

    private final List<Row> rows = new ArrayList<>();
    private final Set<Id> ids = new HashSet<>();
    private long lastSeq;

    @Override
    public synchronized AppendResult append(AccountId account, List<AuditEvent> events) {
        Objects.requireNonNull(account, "account");
        int stored = 0;
        int duplicates = 0;
        for (AuditEvent event : events) {
            if (ids.add(new Id(account, event.eventId()))) {
                rows.add(new Row(account, ++lastSeq, event));
                stored++;
            } else {
                duplicates++;
            }
        }
        return new AppendResult(stored, duplicates);
    }

    @Override
    public synchronized List<StoredEvent> find(EventQuery query, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        long start = query.start().toEpochMilli();
        long end = query.end().toEpochMilli();
        Comparator<Row> order = query.direction() == Direction.BACKWARD ? FORWARD.reversed() : FORWARD;
        EventQuery.Position after = query.after();
        return rows.stream()
                .filter(r -> r.account().equals(query.account()))
                .filter(r -> r.millis() >= start && r.millis() <= end)
                .filter(r -> r.event().attributes().containsAll(query.filters()))
                .filter(r -> after == null || isAfter(r, after, query.direction()))
                .sorted(order)
                .limit(limit)
                .map(r -> new StoredEvent(r.seq(), r.event().eventTime(), r.event().json()))
                .toList();
    }

    @Override
    public synchronized long countBefore(Instant cutoff, long belowSeq) {
        return rows.stream().filter(r -> r.millis() < cutoff.toEpochMilli() && r.seq() < belowSeq).count();
    }

    @Override
    public synchronized long purgeBefore(Instant cutoff, long belowSeq) {
        long purged = 0;
        for (Iterator<Row> it = rows.iterator(); it.hasNext(); ) {
            Row r = it.next();
            if (r.millis() < cutoff.toEpochMilli() && r.seq() < belowSeq) {
                it.remove();
                ids.remove(new Id(r.account(), r.event().eventId()));
                purged++;
            }
        }
        return purged;
    }

    /** How many events are stored, all accounts together. */
    public synchronized int size() {
        return rows.size();
    }

    /** How many events the account has. */
    public synchronized int size(AccountId account) {
        return (int) rows.stream().filter(r -> r.account().equals(account)).count();
    }

    /** Whether the account has an event with this ID. */
    public synchronized boolean contains(AccountId account, String eventId) {
        return ids.contains(new Id(account, eventId));
    }

    private static boolean isAfter(Row r, EventQuery.Position p, Direction direction) {
        int cmp = r.millis() != p.eventTimeMillis()
                ? Long.compare(r.millis(), p.eventTimeMillis()) : Long.compare(r.seq(), p.seq());
        return direction == Direction.BACKWARD ? cmp < 0 : cmp > 0;
    }
}
