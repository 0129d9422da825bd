package dev.actiontrail.core.delivery;

import dev.actiontrail.core.account.AccountId;
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
 */
public final class DeliveryService {
    private final TrailRepository trails;
    private final EventLog log;
    private final DeliveryLedger ledger;
    private final Map<DestinationType, DestinationWriter> writers = new EnumMap<>(DestinationType.class);
    private final Clock clock;
    private final DeliverySettings settings;

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
        return new Round(events, objects, failures, caughtUp);
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

    private Outcome deliver(Trail trail, DestinationType type, DestinationWriter writer,
                            List<LoggingSegment> segments, long upper) {
        AccountId account = trail.accountId();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        DeliveryCursor cursor = ledger.cursor(account, trail.name(), type)
                .orElse(DeliveryCursor.start(account, trail.name(), type, segments.get(0).fromSeq()));
        if (cursor.nextAttempt() != null && now.isBefore(cursor.nextAttempt())) {
            return new Outcome(0, 0, true, false);
        }
        List<LoggedEvent> read;
        if (cursor.pendingToSeq() > 0) {
            read = log.read(account, cursor.deliveredSeq(), cursor.pendingToSeq(), Integer.MAX_VALUE);
        } else {
            if (upper <= cursor.deliveredSeq()) {
                return new Outcome(0, 0, false, true);
            }
            read = log.read(account, cursor.deliveredSeq(), upper, settings.maxEventsPerBatch());
            long to = read.size() < settings.maxEventsPerBatch() ? upper : read.get(read.size() - 1).seq();
            cursor = cursor.pending(to, now);
            ledger.save(cursor);
        }
        List<LoggedEvent> selected = new ArrayList<>();
        for (LoggedEvent e : read) {
            if (inSegment(segments, e.seq()) && selects(trail, e)) {
                selected.add(e);
            }
        }
        boolean more = cursor.pendingToSeq() < upper;
        try {
            int objects = 0;
            for (DeliveryBatch batch : batches(trail, type, cursor.pendingStamp(), selected, settings)) {
                writer.write(batch);
                objects++;
            }
            ledger.save(cursor.delivered(cursor.pendingToSeq(), now, !selected.isEmpty()));
            return new Outcome(selected.size(), objects, false, !more);
        } catch (DeliveryException e) {
            ledger.save(cursor.failed(e.getMessage(), now.plus(settings.backoff(cursor.failures() + 1))));
            return new Outcome(0, 0, true, false);
        }
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
            int from = 0;
            long bytes = 0;
            for (int i = 0; i < group.size(); i++) {
                bytes += group.get(i).json().length();
                boolean cut = i - from + 1 >= settings.maxEventsPerObject() || bytes >= settings.maxBytesPerObject();
                if (cut || i == group.size() - 1) {
                    List<LoggedEvent> part = List.copyOf(group.subList(from, i + 1));
                    out.add(new DeliveryBatch(trail, region.isEmpty() ? null : region, stamp, part.get(0).seq(),
                            part.get(part.size() - 1).seq(), part));
                    from = i + 1;
                    bytes = 0;
                }
            }
        });
        return out;
    }

    /** Whether the trail's EventRW and TrailRegion select the event. */
    static boolean selects(Trail trail, LoggedEvent e) {
        return trail.eventRW().selects(e.eventRW()) && trail.trailRegion().covers(regionOf(trail, e));
    }

    /** The region an event is delivered under: its acsRegion, or the trail's home region for a global event. */
    static String regionOf(Trail trail, LoggedEvent e) {
        return e.acsRegion() == null || e.acsRegion().isEmpty() ? trail.homeRegion() : e.acsRegion();
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
