package dev.actiontrail.core.event;

import java.time.Instant;
import java.util.List;

/**
 * One page of LookupEvents (§4.2): the events' JSON texts as recorded, the effective time window, and the token
 * of the next page (null on the last page).
 */
public record EventPage(List<String> events, Instant startTime, Instant endTime, String nextToken) {
}
