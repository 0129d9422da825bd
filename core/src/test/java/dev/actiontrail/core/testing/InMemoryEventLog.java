package dev.actiontrail.core.testing;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.delivery.EventLog;
import dev.actiontrail.core.delivery.LoggedEvent;
import dev.actiontrail.core.event.AuditEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@link EventLog} over a list in memory: {@link #append} records an event of an account with the next seq
 * (1, 2, …, global to the log, never reused), {@link #read} answers exactly as the port says (the account's events
 * with {@code afterSeq < seq ≤ untilSeq}, by seq, at most {@code limit}). Counts the reads so tests can see how
 * delivery pages. Thread-safe.
 */
public final class InMemoryEventLog implements EventLog {
    private record Entry(AccountId account, LoggedEvent event) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private long lastSeq;
    private int reads;

    /** Records the event for the account (its JSON, time, acsRegion and eventRW as the event says). */
    public synchronized LoggedEvent append(AccountId account, AuditEvent event) {
        Objects.requireNonNull(account, "account");
        LoggedEvent logged = new LoggedEvent(++lastSeq, event.eventTime(), event.acsRegion(), event.eventRW(),
                event.json());
        entries.add(new Entry(account, logged));
        return logged;
    }

    /**
     * Records a typical ApiCall event ({@link Events#apiCall}) with this id, time, region (null: a global event
     * without {@code acsRegion}) and eventRW (null: without {@code eventRW}).
     */
    public LoggedEvent append(AccountId account, String eventId, String eventTime, String acsRegion, String eventRW) {
        return append(account, Events.apiCall(eventId, eventTime, "acsRegion", acsRegion, "eventRW", eventRW));
    }

    @Override
    public synchronized long lastSeq() {
        return lastSeq;
    }

    @Override
    public synchronized List<LoggedEvent> read(AccountId account, long afterSeq, long untilSeq, int limit) {
        reads++;
        List<LoggedEvent> out = new ArrayList<>();
        for (Entry e : entries) {
            if (out.size() >= limit) {
                break;
            }
            long seq = e.event().seq();
            if (e.account().equals(account) && seq > afterSeq && seq <= untilSeq) {
                out.add(e.event());
            }
        }
        return out;
    }

    /** Every recorded event of every account, in seq order. */
    public synchronized List<LoggedEvent> all() {
        return entries.stream().map(Entry::event).toList();
    }

    /** How many times {@link #read} was called. */
    public synchronized int reads() {
        return reads;
    }
}
