package dev.actiontrail.core.event;

/** An input record that is not a usable ActionTrail event; the message says why (e.g. {@code missing eventId}). */
public final class InvalidEventException extends RuntimeException {
    public InvalidEventException(String reason) {
        super(reason, null, false, false);
    }
}
