package dev.actiontrail.core.event;

import java.time.Instant;

/**
 * An event as a store returns it: its position in the store's time order ({@code eventTime}, then {@code seq},
 * the insertion sequence) and its JSON text as recorded.
 */
public record StoredEvent(long seq, Instant eventTime, String json) {
}
