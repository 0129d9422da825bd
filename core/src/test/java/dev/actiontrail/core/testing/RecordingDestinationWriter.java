package dev.actiontrail.core.testing;

import dev.actiontrail.core.delivery.DeliveryBatch;
import dev.actiontrail.core.delivery.DeliveryException;
import dev.actiontrail.core.delivery.DestinationType;
import dev.actiontrail.core.delivery.DestinationWriter;
import dev.actiontrail.core.delivery.LoggedEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A {@link DestinationWriter} that remembers every batch it was given ({@link #attempts}) and every batch it
 * accepted ({@link #written}), and that a test can make fail: {@link #failWith} refuses every batch with a
 * {@link DeliveryException}, {@link #failWhen} only the batches matching a predicate, {@link #crashWith} throws an
 * arbitrary runtime exception (a process dying mid-write), {@link #recover} accepts again. Thread-safe.
 */
public final class RecordingDestinationWriter implements DestinationWriter {
    private final DestinationType type;
    private final List<DeliveryBatch> attempts = new ArrayList<>();
    private final List<DeliveryBatch> written = new ArrayList<>();
    private Predicate<DeliveryBatch> failing = b -> false;
    private String message;
    private Error crash;
    private RuntimeException fault;

    public RecordingDestinationWriter(DestinationType type) {
        this.type = Objects.requireNonNull(type);
    }

    /** Every following write fails with a DeliveryException carrying {@code message}. */
    public synchronized RecordingDestinationWriter failWith(String message) {
        return failWhen(b -> true, message);
    }

    /** The following writes of batches matching {@code which} fail with a DeliveryException. */
    public synchronized RecordingDestinationWriter failWhen(Predicate<DeliveryBatch> which, String message) {
        this.failing = Objects.requireNonNull(which);
        this.message = message;
        return this;
    }

    /** Every following write throws {@code e} (not a DeliveryException: the process "dies"). */
    public synchronized RecordingDestinationWriter crashWith(Error e) {
        this.crash = e;
        return this;
    }

    /** Every following write throws {@code e}: an unexpected fault of the destination (not a DeliveryException). */
    public synchronized RecordingDestinationWriter faultWith(RuntimeException e) {
        this.fault = e;
        return this;
    }

    /** Writes succeed again. */
    public synchronized RecordingDestinationWriter recover() {
        failing = b -> false;
        message = null;
        crash = null;
        fault = null;
        return this;
    }

    @Override
    public DestinationType type() {
        return type;
    }

    @Override
    public synchronized void write(DeliveryBatch batch) {
        attempts.add(batch);
        if (crash != null) {
            throw crash;
        }
        if (fault != null) {
            throw fault;
        }
        if (failing.test(batch)) {
            throw new DeliveryException(message);
        }
        written.add(batch);
    }

    /** Every batch given to {@link #write}, in order, failed or not. */
    public synchronized List<DeliveryBatch> attempts() {
        return List.copyOf(attempts);
    }

    /** The batches written successfully, in order. */
    public synchronized List<DeliveryBatch> written() {
        return List.copyOf(written);
    }

    /** The seqs of the events written successfully, in write order (repeats included). */
    public synchronized List<Long> writtenSeqs() {
        List<Long> out = new ArrayList<>();
        written.forEach(b -> b.events().forEach(e -> out.add(e.seq())));
        return out;
    }

    /** The eventIds of the events written successfully, in write order (repeats included). */
    public synchronized List<String> writtenIds() {
        List<String> out = new ArrayList<>();
        written.forEach(b -> b.events().stream().map(LoggedEvent::json).map(Events::eventIdOf).forEach(out::add));
        return out;
    }

    /** Forgets the recorded batches (not the failure mode). */
    public synchronized void clear() {
        attempts.clear();
        written.clear();
    }
}
