package dev.actiontrail.core.event;

import dev.actiontrail.core.account.AccountId;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Records events into an account's history (the write side of LookupEvents) and purges those that left the
 * {@link HistoryWindow}. A recorded batch is durable when {@link #record} returns.
 */
public final class EventRecorder {
    private final EventStore store;
    private final Clock clock;
    private final HistoryWindow window;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock commitLock = new ReentrantLock();

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

    /**
     * Records one event and returns once it is durable, committing it in one transaction together with the events
     * other threads record at the same moment (group commit: the thread that gets the commit lock writes every
     * event queued so far; the others wait for that commit). This is how a server records its calls: under
     * concurrency one fsync covers many calls.
     *
     * @throws RuntimeException the store's failure, if the commit that carried this event failed
     */
    public void recordGrouped(AccountId account, AuditEvent event) {
        Pending mine = new Pending(account, event, new CompletableFuture<>());
        queue.add(mine);
        while (!mine.done().isDone()) {
            if (commitLock.tryLock()) {
                try {
                    commitQueued();
                } finally {
                    commitLock.unlock();
                }
            } else {
                try {
                    mine.done().get(1, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // not committed yet, or failed: the loop ends once done, join() below reports a failure
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the commit", e);
                }
            }
        }
        try {
            mine.done().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void commitQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        Map<AccountId, List<Pending>> byAccount = new LinkedHashMap<>();
        batch.forEach(p -> byAccount.computeIfAbsent(p.account(), a -> new ArrayList<>()).add(p));
        byAccount.forEach((account, pendings) -> {
            try {
                store.append(account, pendings.stream().map(Pending::event).toList());
                pendings.forEach(p -> p.done().complete(null));
            } catch (RuntimeException e) {
                pendings.forEach(p -> p.done().completeExceptionally(e));
            }
        });
    }

    private record Pending(AccountId account, AuditEvent event, CompletableFuture<Void> done) {
    }

    /** Whether the event is recent enough to be kept (not older than the history window). */
    public boolean isWithinHistory(AuditEvent event) {
        return !event.eventTime().isBefore(window.oldest(clock.instant()));
    }

    /** The history window this recorder keeps. */
    public HistoryWindow window() {
        return window;
    }

    /**
     * Deletes the events that left the history window, at day granularity: the cutoff is the start (00:00 UTC) of
     * the day the window begins, so the purge has work to do at most once a day and an event is kept at least the
     * window's number of days. Returns how many were deleted.
     */
    public long purgeExpired() {
        return store.purgeBefore(window.oldest(clock.instant()).truncatedTo(ChronoUnit.DAYS));
    }
}
