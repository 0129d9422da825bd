package dev.actiontrail.core.delivery;

/**
 * Port: writes delivery batches to one kind of destination (OSS, SLS, MaxCompute). Writing the same batch again
 * must not duplicate anything (same objects, replaced), and a reader must never see a partly written object.
 */
public interface DestinationWriter {
    /** The kind of destination written. */
    DestinationType type();

    /**
     * Writes the batch; returns only once it is durable and visible.
     *
     * @throws DeliveryException when the destination is missing or refuses the write (the message is what
     *         GetTrailStatus shows as the latest delivery error)
     */
    void write(DeliveryBatch batch);
}
