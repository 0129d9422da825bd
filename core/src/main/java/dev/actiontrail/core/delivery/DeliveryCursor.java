package dev.actiontrail.core.delivery;

import dev.actiontrail.core.account.AccountId;

import java.time.Instant;

/**
 * How far delivery to one destination of a trail got, and how its last attempt went.
 *
 * @param deliveredSeq   every event with seq ≤ this was delivered (or skipped as not selected)
 * @param pendingToSeq   the last seq of the batch being written, or 0 when none: after a crash the same batch is
 *                       written again, with the same {@code pendingStamp}, so it lands on the same objects
 * @param pendingStamp   the batch's delivery time (names its objects); null when no batch is pending
 * @param latestDeliveryTime  when a batch was last written successfully (UTC), or null
 * @param latestDeliveryError the error of the last failed attempt, or null after a success
 * @param failures       consecutive failed attempts
 * @param nextAttempt    no attempt before this instant (backoff after failures), or null
 */
public record DeliveryCursor(AccountId account, String trail, DestinationType type, long deliveredSeq,
                             long pendingToSeq, Instant pendingStamp, Instant latestDeliveryTime,
                             String latestDeliveryError, int failures, Instant nextAttempt) {

    /** The cursor of a destination delivery has not started on. */
    public static DeliveryCursor start(AccountId account, String trail, DestinationType type, long fromSeq) {
        return new DeliveryCursor(account, trail, type, fromSeq, 0, null, null, null, 0, null);
    }

    DeliveryCursor pending(long toSeq, Instant stamp) {
        return new DeliveryCursor(account, trail, type, deliveredSeq, toSeq, stamp, latestDeliveryTime,
                latestDeliveryError, failures, nextAttempt);
    }

    DeliveryCursor delivered(long toSeq, Instant at, boolean wroteSomething) {
        return new DeliveryCursor(account, trail, type, toSeq, 0, null,
                wroteSomething ? at : latestDeliveryTime, wroteSomething ? null : latestDeliveryError, 0, null);
    }

    DeliveryCursor failed(String error, Instant retryAt) {
        return new DeliveryCursor(account, trail, type, deliveredSeq, pendingToSeq, pendingStamp, latestDeliveryTime,
                error, failures + 1, retryAt);
    }
}
