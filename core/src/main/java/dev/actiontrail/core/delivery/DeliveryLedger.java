package dev.actiontrail.core.delivery;

import dev.actiontrail.core.account.AccountId;

import java.util.List;
import java.util.Optional;

/**
 * Port: what delivery must remember durably — each trail's logging segments and, per (trail, destination), how far
 * delivery got, the batch it is writing, and the outcome of its last attempt. Each method is one transaction.
 */
public interface DeliveryLedger {
    /**
     * Opens a logging segment starting after the last event recorded now (no-op if one is open): called by
     * StartLogging, so events recorded before the trail took effect are not delivered (seed 002).
     */
    void openSegment(AccountId account, String trail);

    /** Closes the open segment at the last event recorded now (no-op if none): called by StopLogging. */
    void closeSegment(AccountId account, String trail);

    /** The trail's segments, oldest first. */
    List<LoggingSegment> segments(AccountId account, String trail);

    /** The delivery cursor of one destination of a trail, if delivery ever started there. */
    Optional<DeliveryCursor> cursor(AccountId account, String trail, DestinationType type);

    /** Stores the cursor (insert or replace). */
    void save(DeliveryCursor cursor);

    /** Forgets everything about a trail (DeleteTrail). */
    void forget(AccountId account, String trail);
}
