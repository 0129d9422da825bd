package dev.actiontrail.core.delivery;

/**
 * A span of the event log during which a trail was logging: events with {@code fromSeq < seq ≤ untilSeq} were
 * recorded while it logged; {@code untilSeq} is {@link Long#MAX_VALUE} while the segment is open.
 */
public record LoggingSegment(long fromSeq, long untilSeq) {
    public boolean open() {
        return untilSeq == Long.MAX_VALUE;
    }

    public boolean contains(long seq) {
        return seq > fromSeq && seq <= untilSeq;
    }
}
