package dev.actiontrail.core.event;

import java.time.Duration;
import java.time.Instant;

/**
 * How far back the event history reaches: 90 days by default (the published limit, seed 002). It bounds both the
 * purge of old events and how old a LookupEvents StartTime may be.
 */
public record HistoryWindow(int days) {
    public static final HistoryWindow DEFAULT = new HistoryWindow(90);

    public HistoryWindow {
        if (days < 1) {
            throw new IllegalArgumentException("history days must be at least 1: " + days);
        }
    }

    /** The oldest instant inside the window at {@code now}. */
    public Instant oldest(Instant now) {
        return now.minus(Duration.ofDays(days));
    }
}
