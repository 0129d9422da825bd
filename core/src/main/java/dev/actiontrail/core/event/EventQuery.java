package dev.actiontrail.core.event;

import dev.actiontrail.core.account.AccountId;

import java.time.Instant;
import java.util.List;

/**
 * What a store is asked for: the account's events whose time is in {@code [start, end]} (inclusive, UTC) and that
 * carry every filter attribute (AND, exact match), in {@code direction} order of (eventTime, seq), strictly after
 * {@code after} in that order when it is not null.
 */
public record EventQuery(AccountId account, List<AuditEvent.Attribute> filters, Instant start, Instant end,
                         Direction direction, Position after) {

    /** A place in the (eventTime ms, seq) order: the last event of the previous page. */
    public record Position(long eventTimeMillis, long seq) {
    }
}
