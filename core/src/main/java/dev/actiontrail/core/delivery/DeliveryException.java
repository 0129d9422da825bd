package dev.actiontrail.core.delivery;

/** A delivery attempt that failed; the message is shown as {@code LatestDeliveryError} (§2.6). */
public final class DeliveryException extends RuntimeException {
    public DeliveryException(String message) {
        super(message);
    }

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
