package dev.actiontrail.core.event;

import dev.actiontrail.core.account.AccountId;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Records events into an account's history (the write side of LookupEvents). A recorded batch is durable when
 * {@link #record} returns. Nothing here deletes events: only {@link Retention}, run by an explicit command, does.
 */
public final class EventRecorder {
    private final EventStore store;
    private final Clock clock;
    private final HistoryWindow window;

    public EventRecorder(EventStore store, Clock clock, HistoryWindow window) {
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
        this.window = Objects.requireNonNull(window);
    }

    /**
     * Stores the batch in one transaction (group commit); duplicates by eventId are skipped. Events older than the
     * history window must be filtered out by the caller with {@link #isWithinHistory}.
     */
    public EventStore.AppendResult record(AccountId account, List<AuditEvent> events) {
        return events.isEmpty() ? new EventStore.AppendResult(0, 0) : store.append(account, events);
    }

    /** Whether the event is recent enough to be kept (not older than the history window). */
    public boolean isWithinHistory(AuditEvent event) {
        return !event.eventTime().isBefore(window.oldest(clock.instant()));
    }

    /** The history window this recorder keeps. */
    public HistoryWindow window() {
        return window;
    }

}
