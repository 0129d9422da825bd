package dev.actiontrail.core.delivery;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.region.RegionCatalogue;
import dev.actiontrail.core.trail.Trail;
import dev.actiontrail.core.trail.TrailRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Delivers recorded events through logging trails to their destinations (seed 001, seed 002, API reference notes
 * §6). One {@link #deliverOnce() round} writes, for each trail and each of its destinations, the events recorded
 * since the previous round while the trail was logging and selected by its {@code EventRW} and
 * {@code TrailRegion} (an event without {@code acsRegion} is global and goes with the trail's home region) — one
 * object per region per round for OSS, one batch for SLS and MaxCompute — so the round interval is the delivery
 * window.
 *
 * <p>Exactly once, across crashes: a batch's bounds and delivery time are saved before it is written, and after a
 * crash the same batch is written again onto the same objects before anything newer. A destination that fails
 * keeps its batch (nothing is lost or reordered), records the error for GetTrailStatus and is retried after a
 * backoff. Delivery records no events of its own.
 *
 * <p>When a destination has more than one batch waiting ({@link DeliverySettings#maxEventsPerBatch()}), the next
 * batch is read on a background thread while the current one is compressed and written; it is used only if the
 * current one was delivered and the range it covers is still the one to deliver, else it is read again. One
 * read-ahead is held at a time (the destination delivered last), so at most one extra batch is in memory.
 */
public final class DeliveryService {
    private final TrailRepository trails;
    private final EventLog log;
    private final DeliveryLedger ledger;
    private final Map<DestinationType, DestinationWriter> writers = new EnumMap<>(DestinationType.class);
    private final Clock clock;
    private final DeliverySettings settings;
    /**
     * The one batch read ahead (of the destination delivered last), or null; guarded by this (rounds are
     * synchronized). One at most, so read-ahead never holds more than one extra batch in memory.
     */
    private Prefetch readAhead;

    public DeliveryService(TrailRepository trails, EventLog log, DeliveryLedger ledger, List<DestinationWriter> writers,
                           Clock clock, DeliverySettings settings) {
        this.trails = Objects.requireNonNull(trails);
        this.log = Objects.requireNonNull(log);
        this.ledger = Objects.requireNonNull(ledger);
        writers.forEach(w -> this.writers.put(w.type(), w));
        this.clock = Objects.requireNonNull(clock);
        this.settings = Objects.requireNonNull(settings);
    }

    /** What one round did. */
    public record Round(int eventsDelivered, int objectsWritten, int failures, boolean caughtUp) {
    }

    /**
     * One delivery round over every trail and destination. Synchronized: rounds never overlap.
     *
     * @return the events delivered and objects written, the failed destinations, and whether every destination
     *         has delivered all it can (nothing left to deliver and nothing waiting on a retry)
     */
    public synchronized Round deliverOnce() {
        long last = log.lastSeq();
        int events = 0;
        int objects = 0;
        int failures = 0;
        boolean caughtUp = true;
        for (Trail trail : trails.listAll()) {
            List<LoggingSegment> segments = ledger.segments(trail.accountId(), trail.name());
            if (segments.isEmpty()) {
                continue;
            }
            long upper = segments.get(segments.size() - 1).open() ? last
                    : Math.min(last, segments.get(segments.size() - 1).untilSeq());
            for (DestinationType type : destinations(trail)) {
                DestinationWriter writer = writers.get(type);
                if (writer == null) {
                    continue;
                }
                Outcome o = deliver(trail, type, writer, segments, upper);
                events += o.events;
                objects += o.objects;
                failures += o.failed ? 1 : 0;
                caughtUp &= o.caughtUp;
            }
        }
        if (caughtUp) {
            dropReadAhead(); // nothing left anywhere: a read-ahead still held is a deleted trail's
        }
        return new Round(events, objects, failures, caughtUp);
    }

    /**
     * The lowest event sequence number some destination of some trail has still to deliver: every event recorded
     * while a trail logged (its logging segments) above its destination's delivered position; {@link Long#MAX_VALUE}
     * when nothing waits. Retention keeps every event at or above it, whatever its age.
     */
    public long retentionFloor() {
        long last = log.lastSeq();
        long floor = Long.MAX_VALUE;
        for (Trail trail : trails.listAll()) {
            List<LoggingSegment> segments = ledger.segments(trail.accountId(), trail.name());
            if (segments.isEmpty()) {
                continue;
            }
            for (DestinationType type : destinations(trail)) {
                if (!writers.containsKey(type)) {
                    continue; // never delivered by this service
                }
                long delivered = ledger.cursor(trail.accountId(), trail.name(), type)
                        .map(DeliveryCursor::deliveredSeq).orElse(segments.get(0).fromSeq());
                for (LoggingSegment segment : segments) {
                    if (segment.untilSeq() > delivered) { // the first segment with events still to deliver
                        long first = Math.max(delivered, segment.fromSeq()) + 1;
                        if (first <= last) {
                            floor = Math.min(floor, first);
                        }
                        break;
                    }
                }
            }
        }
        return floor;
    }

    /** Runs rounds until every destination has caught up or is failing; returns the total delivered. */
    public Round deliverUntilCaughtUp() {
        int events = 0;
        int objects = 0;
        while (true) {
            Round r = deliverOnce();
            events += r.eventsDelivered();
            objects += r.objectsWritten();
            if (r.caughtUp() || r.failures() > 0) {
                return new Round(events, objects, r.failures(), r.caughtUp());
            }
        }
    }

    private record Outcome(int events, int objects, boolean failed, boolean caughtUp) {
    }

    private void dropReadAhead() {
        if (readAhead != null) {
            readAhead.events().cancel(false);
            readAhead = null;
        }
    }

    private static String prefetchKey(Trail trail, DestinationType type) {
        return trail.accountId().value() + "/" + trail.name() + "/" + type;
    }

    /** Reads the next batch of a destination while the current one is written (one daemon thread). */
    private static final Executor PREFETCH = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "actiontrail-delivery-prefetch");
        t.setDaemon(true);
        return t;
    });

    /**
     * The next batch of one destination, read ahead: the events after {@code afterSeq} up to {@code upper}, at most
     * a batch. Used only if the destination's cursor is then exactly at {@code afterSeq} (its batch was delivered)
     * and the round's upper bound has not shrunk; otherwise, or if the read failed, the batch is read again.
     */
    private record Prefetch(String key, long afterSeq, long upper, CompletableFuture<List<LoggedEvent>> events) {
        List<LoggedEvent> result(long deliveredSeq, long roundUpper) {
            if (deliveredSeq != afterSeq || upper > roundUpper) {
                events.cancel(false);
                return null;
            }
            try {
                return events.join();
            } catch (CancellationException | CompletionException e) {
                return null;
            }
        }
    }

    private Outcome deliver(Trail trail, DestinationType type, DestinationWriter writer,
                            List<LoggingSegment> segments, long upper) {
        AccountId account = trail.accountId();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        DeliveryCursor cursor = ledger.cursor(account, trail.name(), type)
                .orElse(DeliveryCursor.start(account, trail.name(), type, segments.get(0).fromSeq()));
        if (cursor.nextAttempt() != null && now.isBefore(cursor.nextAttempt())) {
            return new Outcome(0, 0, true, false);
        }
        String key = prefetchKey(trail, type);
        Prefetch prefetch = readAhead != null && readAhead.key().equals(key) ? readAhead : null;
        if (prefetch != null) {
            readAhead = null;
        }
        List<LoggedEvent> read;
        if (cursor.pendingToSeq() > 0) {
            read = log.read(account, cursor.deliveredSeq(), cursor.pendingToSeq(), Integer.MAX_VALUE);
        } else {
            if (upper <= cursor.deliveredSeq()) {
                return new Outcome(0, 0, false, true);
            }
            long readUpper = upper;
            read = prefetch == null ? null : prefetch.result(cursor.deliveredSeq(), upper);
            if (read != null) {
                readUpper = prefetch.upper();
            } else {
                read = log.read(account, cursor.deliveredSeq(), upper, settings.maxEventsPerBatch());
            }
            long to = read.size() < settings.maxEventsPerBatch() ? readUpper : read.get(read.size() - 1).seq();
            cursor = cursor.pending(to, now);
            ledger.save(cursor);
        }
        if (cursor.pendingToSeq() < upper) {
            // more is waiting: read the next batch while this one is compressed and written
            long after = cursor.pendingToSeq();
            dropReadAhead(); // another destination's, if any: one at a time
            readAhead = new Prefetch(key, after, upper, CompletableFuture.supplyAsync(
                    () -> log.read(account, after, upper, settings.maxEventsPerBatch()), PREFETCH));
        }
        List<LoggedEvent> selected = new ArrayList<>();
        for (LoggedEvent e : read) {
            if (inSegment(segments, e.seq()) && selects(trail, e)) {
                selected.add(e);
            }
        }
        boolean more = cursor.pendingToSeq() < upper;
        int objects = 0;
        try {
            for (DeliveryBatch batch : batches(trail, type, cursor.pendingStamp(), selected, settings)) {
                writer.write(batch);
                objects++;
            }
        } catch (RuntimeException e) {
            // a refused write, or any other fault of this destination: recorded for it, the other trails go on
            String error = e instanceof DeliveryException ? e.getMessage() : "InternalError: " + e;
            ledger.save(cursor.failed(error, now.plus(settings.backoff(cursor.failures() + 1))));
            dropReadAhead(); // not needed before the retry: do not hold it
            return new Outcome(0, 0, true, false);
        }
        ledger.save(cursor.delivered(cursor.pendingToSeq(), now, !selected.isEmpty()));
        return new Outcome(selected.size(), objects, false, !more);
    }

    /** The objects of one delivery: per region for OSS, then cut at the size caps, each in recording order. */
    static List<DeliveryBatch> batches(Trail trail, DestinationType type, Instant stamp, List<LoggedEvent> events,
                                       DeliverySettings settings) {
        Map<String, List<LoggedEvent>> groups = new LinkedHashMap<>();
        for (LoggedEvent e : events) {
            groups.computeIfAbsent(type == DestinationType.OSS ? regionOf(trail, e) : "", k -> new ArrayList<>())
                    .add(e);
        }
        List<DeliveryBatch> out = new ArrayList<>();
        groups.forEach((region, group) -> {
            String r = region.isEmpty() ? null : region;
            int from = 0;
            long bytes = 1; // the JSON array's "[": each event adds its UTF-8 bytes and a "," or the final "]"
            for (int i = 0; i < group.size(); i++) {
                long size = group.get(i).jsonBytes() + 1;
                if (i > from && bytes + size > settings.maxBytesPerObject()) {
                    out.add(batch(trail, r, stamp, group.subList(from, i))); // the next event would exceed the cap
                    from = i;
                    bytes = 1;
                }
                bytes += size;
                if (i - from + 1 >= settings.maxEventsPerObject() || i == group.size() - 1) {
                    out.add(batch(trail, r, stamp, group.subList(from, i + 1)));
                    from = i + 1;
                    bytes = 1;
                }
            }
        });
        return out;
    }

    private static DeliveryBatch batch(Trail trail, String region, Instant stamp, List<LoggedEvent> events) {
        List<LoggedEvent> part = List.copyOf(events);
        return new DeliveryBatch(trail, region, stamp, part.get(0).seq(), part.get(part.size() - 1).seq(), part);
    }

    /** Whether the trail's EventRW and TrailRegion select the event. */
    static boolean selects(Trail trail, LoggedEvent e) {
        return trail.eventRW().selects(e.eventRW()) && trail.trailRegion().covers(regionOf(trail, e));
    }

    /**
     * The region an event is delivered under: its acsRegion, or the trail's home region for a global event. An
     * acsRegion that is not shaped like a region ID counts as global: it names OSS folders, and a caller can put
     * anything there (e.g. {@code ../..} through the RegionId of its own API calls).
     */
    static String regionOf(Trail trail, LoggedEvent e) {
        String region = e.acsRegion();
        return RegionCatalogue.isWellFormed(region) ? region : trail.homeRegion();
    }

    static boolean inSegment(List<LoggingSegment> segments, long seq) {
        for (LoggingSegment s : segments) {
            if (s.contains(seq)) {
                return true;
            }
        }
        return false;
    }

    /** The destination kinds a trail delivers to. */
    public static List<DestinationType> destinations(Trail trail) {
        List<DestinationType> out = new ArrayList<>();
        if (trail.hasOss()) {
            out.add(DestinationType.OSS);
        }
        if (trail.hasSls()) {
            out.add(DestinationType.SLS);
        }
        if (trail.hasMaxCompute()) {
            out.add(DestinationType.MAX_COMPUTE);
        }
        return out;
    }
}
