package dev.actiontrail.core.delivery;

import java.time.Instant;

/**
 * An event as the event log hands it to delivery: its sequence number (strictly increasing in recording order,
 * never reused), its time, its region ({@code acsRegion}, null for a global event), its {@code eventRW} and its
 * JSON text exactly as recorded.
 */
public record LoggedEvent(long seq, Instant eventTime, String acsRegion, String eventRW, String json) {
}
