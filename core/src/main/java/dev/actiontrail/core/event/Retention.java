package dev.actiontrail.core.event;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The retention use case: the one way events are ever deleted, run by an explicit operator command (never by a
 * read, a start or a schedule). Setting the history window to {@code days} deletes the events recorded before the
 * start (00:00 UTC) of the window's first day — except those a trail has still to deliver and, while a delivery
 * history job runs, every event (the job may still need any of them).
 */
public final class Retention {
    private final EventStore store;
    private final Clock clock;
    private final LongSupplier keepFromSeq;

    /**
     * @param keepFromSeq the lowest event sequence number that must be kept whatever its age (what delivery still
     *                    needs; {@link Long#MAX_VALUE} for none, 0 to keep everything)
     */
    public Retention(EventStore store, Clock clock, LongSupplier keepFromSeq) {
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
        this.keepFromSeq = Objects.requireNonNull(keepFromSeq);
    }

    /**
     * What a window of {@code days} would delete now.
     *
     * @param cutoff          events recorded before this instant (UTC, a day's start) leave the window
     * @param removable       how many of them would be deleted
     * @param keptUndelivered how many of them are kept because delivery still needs them
     * @param keepFromSeq     the sequence number from which events are kept
     */
    public record Plan(HistoryWindow window, Instant cutoff, long removable, long keptUndelivered, long keepFromSeq) {
    }

    /** Counts, without changing anything, what {@link #apply} would delete for a window of {@code days}. */
    public Plan plan(HistoryWindow window) {
        Instant cutoff = window.oldest(clock.instant()).truncatedTo(ChronoUnit.DAYS);
        long floor = keepFromSeq.getAsLong();
        long removable = store.countBefore(cutoff, floor);
        long old = floor == Long.MAX_VALUE ? removable : store.countBefore(cutoff, Long.MAX_VALUE);
        return new Plan(window, cutoff, removable, old - removable, floor);
    }

    /**
     * Deletes what the plan counted (fewer if delivery came to need more meanwhile: the lower of the plan's and
     * today's floor is kept). Returns how many events were deleted.
     */
    public long apply(Plan plan) {
        long floor = Math.min(plan.keepFromSeq(), keepFromSeq.getAsLong());
        return store.purgeBefore(plan.cutoff(), floor);
    }
}
