package dev.actiontrail.core.delivery;

import dev.actiontrail.core.account.Account;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.api.ApiVersion;
import dev.actiontrail.core.api.CallContext;
import dev.actiontrail.core.testing.CrashingLedger;
import dev.actiontrail.core.testing.Events;
import dev.actiontrail.core.testing.InMemoryDeliveryLedger;
import dev.actiontrail.core.testing.InMemoryEventLog;
import dev.actiontrail.core.testing.InMemoryHistoryJobs;
import dev.actiontrail.core.testing.InMemoryResourceDirectory;
import dev.actiontrail.core.testing.InMemoryTrailRepository;
import dev.actiontrail.core.testing.MutableClock;
import dev.actiontrail.core.testing.RecordingDestinationWriter;
import dev.actiontrail.core.trail.Trail;
import dev.actiontrail.core.trail.TrailRequest;
import dev.actiontrail.core.trail.TrailService;
import dev.actiontrail.core.trail.TrailStatusReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delivery over in-memory ports: which events are delivered (logging segments, EventRW, TrailRegion, account), how
 * they are cut into objects, what a failing destination does, exactly-once across crashes, and what GetTrailStatus
 * then reports.
 */
class DeliveryServiceTest {
    static final AccountId ACCOUNT = AccountId.of("1234567890123456");
    static final AccountId OTHER = AccountId.of("9999999999999999");
    static final String HZ = "cn-hangzhou";
    static final String BJ = "cn-beijing";
    static final String SH = "cn-shanghai";
    static final String SLS_ARN = "acs:log:cn-hangzhou:1234567890123456:project/audit-project";
    static final String ODPS_ARN = "acs:odps:cn-hangzhou:1234567890123456:project/actiontrail_audit";
    static final String EVENT_TIME = "2024-05-20T11:59:00Z";
    /** The first round's time; delivery names objects to the second. */
    static final Instant T0 = Instant.parse("2024-05-20T12:00:00Z");

    static final DeliverySettings SETTINGS = new DeliverySettings(1000, 1000, 1 << 20, Duration.ofSeconds(1),
            Duration.ofSeconds(8));

    MutableClock clock;
    InMemoryEventLog log;
    CrashingLedger ledger;
    InMemoryTrailRepository trails;
    InMemoryResourceDirectory resources;
    TrailService trailService;
    RecordingDestinationWriter oss;
    RecordingDestinationWriter sls;
    RecordingDestinationWriter odps;
    DeliveryService delivery;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(T0.plusMillis(250));
        log = new InMemoryEventLog();
        ledger = new CrashingLedger(new InMemoryDeliveryLedger(log::lastSeq));
        trails = new InMemoryTrailRepository();
        resources = new InMemoryResourceDirectory()
                .addBucket(ACCOUNT, "audit-log")
                .addBucket(ACCOUNT, "audit-log-2")
                .addBucket(ACCOUNT, "audit-log-3")
                .addSlsProject(ACCOUNT, "audit-project");
        trailService = new TrailService(trails, resources, ledger, new InMemoryHistoryJobs(), clock);
        oss = new RecordingDestinationWriter(DestinationType.OSS);
        sls = new RecordingDestinationWriter(DestinationType.SLS);
        odps = new RecordingDestinationWriter(DestinationType.MAX_COMPUTE);
        delivery = service(SETTINGS);
    }

    DeliveryService service(DeliverySettings settings) {
        return new DeliveryService(trails, log, ledger, List.of(oss, sls, odps), clock, settings);
    }

    // ---- fixture helpers ------------------------------------------------------------------------------------

    static CallContext ctx(String region) {
        return new CallContext(Account.of(ACCOUNT, null), region, ApiVersion.V2020_07_06);
    }

    static TrailRequest request(String name, String bucket, String slsArn, String odpsArn, String eventRw,
                                String trailRegion) {
        return new TrailRequest(name, bucket, null, null, slsArn, null, odpsArn, null, null, eventRw, trailRegion,
                null);
    }

    /** An OSS-only trail of cn-hangzhou. */
    Trail ossTrail(String name, String bucket, String eventRw, String trailRegion) {
        return trailService.create(ctx(HZ), request(name, bucket, null, null, eventRw, trailRegion));
    }

    /** A trail of cn-hangzhou delivering to OSS ({@code audit-log}), SLS and MaxCompute. */
    Trail fullTrail(String name) {
        return trailService.create(ctx(HZ), request(name, "audit-log", SLS_ARN, ODPS_ARN, null, null));
    }

    void start(String name) {
        trailService.startLogging(ctx(HZ), name);
    }

    void stop(String name) {
        trailService.stopLogging(ctx(HZ), name);
    }

    TrailStatusReport status(String name) {
        return trailService.status(ctx(HZ), name, false);
    }

    /** An event of the account: acsRegion {@code region} (null: global) and eventRW {@code rw}. */
    LoggedEvent event(String id, String region, String rw) {
        return log.append(ACCOUNT, id, EVENT_TIME, region, rw);
    }

    LoggedEvent event(String id) {
        return event(id, HZ, "Write");
    }

    DeliveryCursor cursor(String trail, DestinationType type) {
        return ledger.cursor(ACCOUNT, trail, type).orElseThrow();
    }

    static List<String> ids(DeliveryBatch batch) {
        return batch.events().stream().map(e -> Events.eventIdOf(e.json())).toList();
    }

    /** The eventIds the writer wrote successfully for one trail, in write order (repeats included). */
    static List<String> idsFor(RecordingDestinationWriter writer, String trail) {
        List<String> out = new ArrayList<>();
        writer.written().stream().filter(b -> b.trail().name().equals(trail)).forEach(b -> out.addAll(ids(b)));
        return out;
    }

    /** The size of the JSON array of a batch's events, in UTF-8 bytes. */
    static long jsonArrayBytes(DeliveryBatch batch) {
        long bytes = 1;
        for (LoggedEvent e : batch.events()) {
            bytes += e.json().getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return bytes;
    }

    // ---- which events ---------------------------------------------------------------------------------------

    @Nested
    class LoggingSegments {
        @Test
        void aTrailThatNeverStartedDeliversNothing() {
            fullTrail("trail-test");
            event("e1");
            event("e2");

            assertEquals(new DeliveryService.Round(0, 0, 0, true), delivery.deliverOnce());
            assertEquals(List.of(), oss.attempts());
            assertEquals(List.of(), sls.attempts());
            assertEquals(List.of(), odps.attempts());
            assertEquals(Optional.empty(), ledger.cursor(ACCOUNT, "trail-test", DestinationType.OSS));
        }

        @Test
        void eventsRecordedBeforeStartLoggingAreNotDelivered() {
            event("before-1");
            fullTrail("trail-test");
            event("before-2");
            start("trail-test");
            event("after-1");
            event("after-2");

            DeliveryService.Round round = delivery.deliverOnce();

            assertEquals(List.of("after-1", "after-2"), oss.writtenIds());
            assertEquals(List.of("after-1", "after-2"), sls.writtenIds());
            assertEquals(List.of("after-1", "after-2"), odps.writtenIds());
            assertEquals(new DeliveryService.Round(6, 3, 0, true), round);
        }

        @Test
        void eventsRecordedWhileStoppedAreNotDeliveredAndRestartDeliversAgain() {
            fullTrail("trail-test");
            start("trail-test");
            event("e1");
            delivery.deliverOnce();
            assertEquals(List.of("e1"), oss.writtenIds());

            event("e2");
            stop("trail-test");
            event("gap-1");
            delivery.deliverOnce();
            assertEquals(List.of("e1", "e2"), oss.writtenIds(), "recorded before StopLogging: still delivered");

            event("gap-2");
            delivery.deliverOnce();
            assertEquals(List.of("e1", "e2"), oss.writtenIds(), "a stopped trail delivers nothing new");

            start("trail-test");
            event("e3");
            delivery.deliverOnce();
            delivery.deliverOnce();
            assertEquals(List.of("e1", "e2", "e3"), oss.writtenIds());
            assertEquals(List.of("e1", "e2", "e3"), sls.writtenIds());
            assertEquals(List.of("e1", "e2", "e3"), odps.writtenIds());
        }

        @Test
        void theGapBetweenTwoSegmentsIsSkippedInsideOneBatch() {
            ossTrail("trail-test", "audit-log", null, null);
            start("trail-test");
            event("e1");
            stop("trail-test");
            event("gap");
            start("trail-test");
            event("e2");

            delivery.deliverOnce();

            assertEquals(1, oss.written().size());
            assertEquals(List.of("e1", "e2"), ids(oss.written().get(0)));
            assertEquals(3, cursor("trail-test", DestinationType.OSS).deliveredSeq());
        }

        @Test
        void nothingIsDeliveredTwiceOverManyRounds() {
            fullTrail("trail-test");
            start("trail-test");
            event("e1");
            delivery.deliverOnce();
            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofMinutes(5));
                assertEquals(new DeliveryService.Round(0, 0, 0, true), delivery.deliverOnce());
            }
            event("e2");
            delivery.deliverOnce();
            assertEquals(List.of("e1", "e2"), oss.writtenIds());
            assertEquals(List.of("e1", "e2"), sls.writtenIds());
        }

        @Test
        void eventsOfOtherAccountsAreNeverDelivered() {
            ossTrail("trail-test", "audit-log", null, null);
            start("trail-test");
            log.append(OTHER, "other-1", EVENT_TIME, HZ, "Write");
            event("mine-1");
            log.append(OTHER, "other-2", EVENT_TIME, HZ, "Write");
            event("mine-2");

            delivery.deliverOnce();

            assertEquals(List.of("mine-1", "mine-2"), oss.writtenIds());
        }

        @Test
        void eachTrailHasItsOwnSegments() {
            ossTrail("trail-a", "audit-log", null, null);
            ossTrail("trail-b", "audit-log-2", null, null);
            start("trail-a");
            event("e1");
            start("trail-b");
            event("e2");
            stop("trail-a");
            event("e3");

            delivery.deliverOnce();

            assertEquals(List.of("e1", "e2"), idsFor(oss, "trail-a"));
            assertEquals(List.of("e2", "e3"), idsFor(oss, "trail-b"));
        }
    }

    @Nested
    class Filters {
        @Test
        void eventRwSelectsReadWriteOrAll() {
            ossTrail("trail-read", "audit-log", "Read", null);
            ossTrail("trail-write", "audit-log-2", "Write", null);
            ossTrail("trail-all", "audit-log-3", "All", null);
            start("trail-read");
            start("trail-write");
            start("trail-all");
            event("r1", HZ, "Read");
            event("w1", HZ, "Write");
            event("n1", HZ, null);
            event("r2", HZ, "Read");

            delivery.deliverOnce();

            assertEquals(List.of("r1", "r2"), idsFor(oss, "trail-read"));
            assertEquals(List.of("w1"), idsFor(oss, "trail-write"));
            assertEquals(List.of("r1", "w1", "n1", "r2"), idsFor(oss, "trail-all"));
        }

        @Test
        void trailRegionSelectsThatRegionOnly() {
            ossTrail("trail-bj", "audit-log", null, BJ);
            ossTrail("trail-all", "audit-log-2", null, "All");
            start("trail-bj");
            start("trail-all");
            event("hz", HZ, "Write");
            event("bj", BJ, "Write");
            event("sh", SH, "Write");
            event("bj2", BJ, "Read");

            delivery.deliverOnce();

            assertEquals(List.of("bj", "bj2"), idsFor(oss, "trail-bj"));
            assertTrue(oss.written().stream().filter(b -> b.trail().name().equals("trail-bj"))
                    .allMatch(b -> b.region().equals(BJ)));
            assertEquals(List.of("hz", "bj", "bj2", "sh"), idsFor(oss, "trail-all"),
                    "one object per region, in order of first appearance, events in recording order");
        }

        @Test
        void globalEventsGoWithTheHomeRegion() {
            ossTrail("trail-hz", "audit-log", null, HZ);
            trailService.create(ctx(BJ), request("trail-from-bj", "audit-log-2", null, null, null, null));
            start("trail-hz");
            trailService.startLogging(ctx(BJ), "trail-from-bj");
            event("g1", null, "Write");
            event("hz1", HZ, "Write");
            event("g2", "", "Write");

            delivery.deliverOnce();

            List<DeliveryBatch> hz = oss.written().stream().filter(b -> b.trail().name().equals("trail-hz")).toList();
            assertEquals(1, hz.size());
            assertEquals(HZ, hz.get(0).region());
            assertEquals(List.of("g1", "hz1", "g2"), ids(hz.get(0)), "global events are home-region events");

            List<DeliveryBatch> bj = oss.written().stream()
                    .filter(b -> b.trail().name().equals("trail-from-bj")).toList();
            assertEquals(List.of(BJ, HZ), bj.stream().map(DeliveryBatch::region).toList());
            assertEquals(List.of("g1", "g2"), ids(bj.get(0)), "global events under the home region cn-beijing");
            assertEquals(List.of("hz1"), ids(bj.get(1)));
        }

        @Test
        void anAcsRegionThatIsNotARegionIdCountsAsGlobal() {
            ossTrail("trail-all", "audit-log", null, null);
            ossTrail("trail-bj", "audit-log-2", null, BJ);
            start("trail-all");
            start("trail-bj");
            event("dots", "../../../../tmp/escape", "Write");
            event("slash", "cn-beijing/../..", "Write");
            event("upper", "CN-BEIJING", "Write");
            event("nul", "cn-beijing\u0000", "Write");
            event("bj", BJ, "Write");

            delivery.deliverOnce();

            List<DeliveryBatch> all = oss.written().stream().filter(b -> b.trail().name().equals("trail-all"))
                    .toList();
            assertEquals(List.of(HZ, BJ), all.stream().map(DeliveryBatch::region).toList());
            assertEquals(List.of("dots", "slash", "upper", "nul"), ids(all.get(0)), "under the home region");
            assertEquals(List.of("bj"), idsFor(oss, "trail-bj"));
        }
    }

    // ---- how they are cut -----------------------------------------------------------------------------------

    @Nested
    class Batches {
        @Test
        void ossGetsOneObjectPerRegionPerRoundTheOthersOneBatch() {
            fullTrail("trail-test");
            start("trail-test");
            event("hz1", HZ, "Write");
            event("bj1", BJ, "Read");
            event("g1", null, "Write");
            event("sh1", SH, "Write");
            event("hz2", HZ, "Read");
            event("bj2", BJ, "Write");

            DeliveryService.Round round = delivery.deliverOnce();

            assertEquals(new DeliveryService.Round(18, 5, 0, true), round);
            List<DeliveryBatch> objects = oss.written();
            assertEquals(List.of(HZ, BJ, SH), objects.stream().map(DeliveryBatch::region).toList());
            assertEquals(List.of("hz1", "g1", "hz2"), ids(objects.get(0)));
            assertEquals(List.of("bj1", "bj2"), ids(objects.get(1)));
            assertEquals(List.of("sh1"), ids(objects.get(2)));
            assertEquals(List.of(1L, 2L, 4L), objects.stream().map(DeliveryBatch::firstSeq).toList());
            assertEquals(List.of(5L, 6L, 4L), objects.stream().map(DeliveryBatch::lastSeq).toList());
            assertTrue(objects.stream().allMatch(b -> b.stamp().equals(T0)), "the round's time, to the second");

            for (RecordingDestinationWriter w : List.of(sls, odps)) {
                assertEquals(1, w.written().size(), w.type().toString());
                DeliveryBatch batch = w.written().get(0);
                assertNull(batch.region());
                assertEquals(T0, batch.stamp());
                assertEquals(List.of("hz1", "bj1", "g1", "sh1", "hz2", "bj2"), ids(batch));
                assertEquals(1, batch.firstSeq());
                assertEquals(6, batch.lastSeq());
            }
        }

        @Test
        void eachRoundHasItsOwnStamp() {
            ossTrail("trail-test", "audit-log", null, null);
            start("trail-test");
            event("e1");
            delivery.deliverOnce();
            clock.advance(Duration.ofMinutes(5));
            event("e2");
            delivery.deliverOnce();

            assertEquals(List.of(T0, T0.plus(Duration.ofMinutes(5))),
                    oss.written().stream().map(DeliveryBatch::stamp).toList());
        }

        @Test
        void theEventCapSplitsObjects() {
            delivery = service(new DeliverySettings(1000, 2, 1 << 20, Duration.ofSeconds(1), Duration.ofSeconds(8)));
            fullTrail("trail-test");
            start("trail-test");
            for (int i = 1; i <= 5; i++) {
                event("e" + i);
            }

            DeliveryService.Round round = delivery.deliverOnce();

            for (RecordingDestinationWriter w : List.of(oss, sls, odps)) {
                assertEquals(List.of(List.of("e1", "e2"), List.of("e3", "e4"), List.of("e5")),
                        w.written().stream().map(DeliveryServiceTest::ids).toList(), w.type().toString());
                assertTrue(w.written().stream().allMatch(b -> b.stamp().equals(T0)));
            }
            assertEquals(List.of(1L, 3L, 5L), oss.written().stream().map(DeliveryBatch::firstSeq).toList());
            assertEquals(List.of(2L, 4L, 5L), oss.written().stream().map(DeliveryBatch::lastSeq).toList());
            assertEquals(new DeliveryService.Round(15, 9, 0, true), round);
        }

        @Test
        void theSizeCapSplitsObjectsAndNoObjectExceedsIt() {
            List<LoggedEvent> events = new ArrayList<>();
            fullTrail("trail-test");
            start("trail-test");
            for (int i = 1; i <= 5; i++) {
                events.add(event("e" + i));
            }
            long eventBytes = events.get(0).json().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(events.stream().allMatch(e -> e.json().length() == eventBytes), "same-size events");
            long cap = 1 + 2 * (eventBytes + 1); // exactly "[e1,e2]"
            delivery = service(new DeliverySettings(1000, 1000, cap, Duration.ofSeconds(1), Duration.ofSeconds(8)));

            delivery.deliverOnce();

            for (RecordingDestinationWriter w : List.of(oss, sls, odps)) {
                assertEquals(List.of(List.of("e1", "e2"), List.of("e3", "e4"), List.of("e5")),
                        w.written().stream().map(DeliveryServiceTest::ids).toList(), w.type().toString());
                for (DeliveryBatch b : w.written()) {
                    assertTrue(jsonArrayBytes(b) <= cap, jsonArrayBytes(b) + " > cap " + cap);
                }
            }
        }

        @Test
        void theSizeCapCountsUtf8BytesNotCharacters() {
            fullTrail("trail-test");
            start("trail-test");
            List<LoggedEvent> events = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                String note = "审计日志投递".repeat(40); // 240 characters, 720 bytes
                events.add(log.append(ACCOUNT, Events.apiCall("e" + i, EVENT_TIME, "note", note)));
            }
            long eventBytes = events.get(0).json().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(eventBytes > events.get(0).json().length() + 200, "multi-byte characters");
            long cap = 1 + 2 * (eventBytes + 1);
            delivery = service(new DeliverySettings(1000, 1000, cap, Duration.ofSeconds(1), Duration.ofSeconds(8)));

            delivery.deliverOnce();

            assertEquals(List.of(List.of("e1", "e2"), List.of("e3", "e4")),
                    oss.written().stream().map(DeliveryServiceTest::ids).toList());
            assertTrue(oss.written().stream().allMatch(b -> jsonArrayBytes(b) <= cap));
        }

        @Test
        void anEventLargerThanTheSizeCapGoesAloneAndIsNotLost() {
            fullTrail("trail-test");
            start("trail-test");
            event("small-1");
            log.append(ACCOUNT, Events.apiCall("big", EVENT_TIME, "padding", "x".repeat(2000)));
            event("small-2");
            event("small-3");
            long small = log.all().get(0).json().length();
            delivery = service(new DeliverySettings(1000, 1000, 1 + 3 * (small + 1), Duration.ofSeconds(1),
                    Duration.ofSeconds(8)));

            DeliveryService.Round round = delivery.deliverOnce();

            assertEquals(List.of(List.of("small-1"), List.of("big"), List.of("small-2", "small-3")),
                    oss.written().stream().map(DeliveryServiceTest::ids).toList());
            assertTrue(round.caughtUp());
        }

        @Test
        void theBatchCapSpreadsDeliveryOverRounds() {
            delivery = service(new DeliverySettings(2, 1000, 1 << 20, Duration.ofSeconds(1), Duration.ofSeconds(8)));
            ossTrail("trail-test", "audit-log", null, null);
            start("trail-test");
            for (int i = 1; i <= 5; i++) {
                event("e" + i);
            }

            assertEquals(new DeliveryService.Round(2, 1, 0, false), delivery.deliverOnce());
            assertEquals(new DeliveryService.Round(2, 1, 0, false), delivery.deliverOnce());
            assertEquals(new DeliveryService.Round(1, 1, 0, true), delivery.deliverOnce());
            assertEquals(new DeliveryService.Round(0, 0, 0, true), delivery.deliverOnce());
            assertEquals(List.of("e1", "e2", "e3", "e4", "e5"), oss.writtenIds());
        }

        @Test
        void theBatchCapPagesThroughEventsTheTrailDoesNotSelect() {
            delivery = service(new DeliverySettings(2, 1000, 1 << 20, Duration.ofSeconds(1), Duration.ofSeconds(8)));
            ossTrail("trail-test", "audit-log", "Write", null);
            start("trail-test");
            event("r1", HZ, "Read");
            event("r2", HZ, "Read");
            event("r3", HZ, "Read");
            log.append(OTHER, "o1", EVENT_TIME, HZ, "Write");
            event("w1", HZ, "Write");

            DeliveryService.Round total = delivery.deliverUntilCaughtUp();

            assertEquals(List.of("w1"), oss.writtenIds());
            assertTrue(total.caughtUp());
            assertEquals(5, cursor("trail-test", DestinationType.OSS).deliveredSeq());
        }

        @Test
        void deliverUntilCaughtUpRunsRoundsUntilEverythingIsDelivered() {
            delivery = service(new DeliverySettings(2, 1000, 1 << 20, Duration.ofSeconds(1), Duration.ofSeconds(8)));
            ossTrail("trail-test", "audit-log", null, null);
            start("trail-test");
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 7; i++) {
                event("e" + i);
                expected.add("e" + i);
            }

            assertEquals(new DeliveryService.Round(7, 4, 0, true), delivery.deliverUntilCaughtUp());
            assertEquals(expected, oss.writtenIds());
            assertEquals(new DeliveryService.Round(0, 0, 0, true), delivery.deliverUntilCaughtUp());
        }

        @Test
        void theBatchReadAheadNeverLosesOrRepeatsEventsRecordedBetweenRounds() {
            delivery = service(new DeliverySettings(2, 1000, 1 << 20, Duration.ofSeconds(1), Duration.ofSeconds(8)));
            ossTrail("trail-test", "audit-log", null, null);
            start("trail-test");
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                event("e" + i);
                expected.add("e" + i);
            }
            assertEquals(new DeliveryService.Round(2, 1, 0, false), delivery.deliverOnce()); // e3 read ahead
            for (int i = 4; i <= 6; i++) {
                event("e" + i);
                expected.add("e" + i);
            }
            assertEquals(new DeliveryService.Round(1, 1, 0, false), delivery.deliverOnce(), "the read-ahead batch");
            assertEquals(new DeliveryService.Round(2, 1, 0, false), delivery.deliverOnce());
            event("e7");
            expected.add("e7");
            assertEquals(new DeliveryService.Round(2, 2, 0, true), delivery.deliverUntilCaughtUp());
            assertEquals(expected, oss.writtenIds());
        }

        @Test
        void aFailedWriteDropsTheReadAheadAndTheRetryGoesOnInOrder() {
            delivery = service(new DeliverySettings(2, 1000, 1 << 20, Duration.ofSeconds(1), Duration.ofSeconds(8)));
            ossTrail("trail-test", "audit-log", null, null);
            start("trail-test");
            for (int i = 1; i <= 6; i++) {
                event("e" + i);
            }
            assertEquals(new DeliveryService.Round(2, 1, 0, false), delivery.deliverOnce());
            oss.failWith("AccessDenied: You have no right to access this object because of bucket acl.");
            assertEquals(1, delivery.deliverOnce().failures());
            oss.recover();
            clock.advance(Duration.ofSeconds(1));

            assertEquals(new DeliveryService.Round(4, 2, 0, true), delivery.deliverUntilCaughtUp());
            assertEquals(List.of("e1", "e2", "e3", "e4", "e5", "e6"), oss.writtenIds());
        }

        @Test
        void stopLoggingAfterAReadAheadDeliversOnlyTheLoggedEvents() {
            delivery = service(new DeliverySettings(2, 1000, 1 << 20, Duration.ofSeconds(1), Duration.ofSeconds(8)));
            ossTrail("trail-test", "audit-log", null, null);
            start("trail-test");
            for (int i = 1; i <= 4; i++) {
                event("e" + i);
            }
            assertEquals(new DeliveryService.Round(2, 1, 0, false), delivery.deliverOnce()); // e3, e4 read ahead
            stop("trail-test");
            event("late");

            delivery.deliverUntilCaughtUp();
            assertEquals(List.of("e1", "e2", "e3", "e4"), oss.writtenIds());
        }

        @Test
        void deliverUntilCaughtUpReturnsWhenADestinationFails() {
            delivery = service(new DeliverySettings(2, 1000, 1 << 20, Duration.ofSeconds(1), Duration.ofSeconds(8)));
            ossTrail("trail-test", "audit-log", null, null);
            start("trail-test");
            for (int i = 1; i <= 5; i++) {
                event("e" + i);
            }
            oss.failWith("NoSuchBucket: The specified bucket does not exist.");

            DeliveryService.Round round = delivery.deliverUntilCaughtUp();

            assertEquals(1, round.failures());
            assertFalse(round.caughtUp());
            assertEquals(0, round.eventsDelivered());
            assertEquals(1, oss.attempts().size(), "no busy retry loop");

            oss.recover();
            clock.advance(Duration.ofSeconds(1));
            assertEquals(new DeliveryService.Round(5, 3, 0, true), delivery.deliverUntilCaughtUp());
            assertEquals(List.of("e1", "e2", "e3", "e4", "e5"), oss.writtenIds());
        }
    }

    // ---- failing destinations -------------------------------------------------------------------------------

    @Nested
    class Failures {
        static final String NO_BUCKET = "NoSuchBucket: The specified bucket does not exist.";

        @Test
        void anUnexpectedFaultOfOneDestinationIsRecordedAndTheOthersAreDelivered() {
            trailService.create(ctx(HZ), request("trail-test", "audit-log", SLS_ARN, null, null, null));
            start("trail-test");
            event("e1", HZ, "Write");
            oss.faultWith(new IllegalStateException("disk on fire"));

            DeliveryService.Round round = delivery.deliverOnce();
            assertEquals(1, round.failures());
            assertEquals(List.of("e1"), sls.writtenIds(), "SLS still delivered");
            assertEquals("InternalError: java.lang.IllegalStateException: disk on fire",
                    cursor("trail-test", DestinationType.OSS).latestDeliveryError());
            assertEquals(1, cursor("trail-test", DestinationType.OSS).pendingToSeq(), "the batch is kept");
        }

        @Test
        void aFailingDestinationRecordsTheErrorBacksOffAndRetriesTheSameBatch() {
            trailService.create(ctx(HZ), request("trail-test", "audit-log", SLS_ARN, null, null, null));
            start("trail-test");
            event("e1", HZ, "Write");
            event("e2", HZ, "Write");
            event("e3", BJ, "Write");
            oss.failWith(NO_BUCKET);

            DeliveryService.Round first = delivery.deliverOnce(); // at T0 + 0.25 s
            assertEquals(new DeliveryService.Round(3, 1, 1, false), first, "SLS delivered, OSS failed");
            assertEquals(List.of("e1", "e2", "e3"), sls.writtenIds());
            DeliveryCursor failed = cursor("trail-test", DestinationType.OSS);
            assertEquals(NO_BUCKET, failed.latestDeliveryError());
            assertEquals(1, failed.failures());
            assertEquals(T0.plusSeconds(1), failed.nextAttempt());
            assertEquals(3, failed.pendingToSeq());
            assertEquals(T0, failed.pendingStamp());
            assertEquals(0, failed.deliveredSeq());
            assertNull(failed.latestDeliveryTime());
            TrailStatusReport report = status("trail-test");
            assertEquals(NO_BUCKET, report.latestDeliveryError());
            assertNull(report.latestDeliveryTime());
            assertEquals(T0, report.latestDeliveryLogServiceTime());
            assertNull(report.latestDeliveryLogServiceError());

            event("e4", HZ, "Write"); // recorded while OSS is failing

            clock.set(T0.plusMillis(750));
            assertEquals(new DeliveryService.Round(1, 1, 1, false), delivery.deliverOnce(), "before nextAttempt");
            assertEquals(1, oss.attempts().size(), "no attempt before nextAttempt");

            clock.set(T0.plusMillis(1250));
            delivery.deliverOnce();
            assertEquals(2, oss.attempts().size());
            assertEquals(2, cursor("trail-test", DestinationType.OSS).failures());
            assertEquals(T0.plusSeconds(1 + 2), cursor("trail-test", DestinationType.OSS).nextAttempt());

            clock.set(T0.plusMillis(2999));
            delivery.deliverOnce();
            assertEquals(2, oss.attempts().size(), "backoff doubled");

            clock.set(T0.plusSeconds(3));
            delivery.deliverOnce();
            assertEquals(3, oss.attempts().size());
            assertEquals(T0.plusSeconds(3 + 4), cursor("trail-test", DestinationType.OSS).nextAttempt());
            for (DeliveryBatch attempt : oss.attempts()) {
                assertEquals(T0, attempt.stamp(), "every retry keeps the batch's stamp");
                assertEquals(HZ, attempt.region());
                assertEquals(List.of("e1", "e2"), ids(attempt), "every retry has the same events");
            }

            oss.recover();
            clock.set(T0.plusSeconds(7).plusMillis(100));
            DeliveryService.Round recovered = delivery.deliverOnce();
            assertEquals(3, recovered.eventsDelivered(), "the pending batch only");
            assertFalse(recovered.caughtUp(), "e4 is still to deliver");
            assertEquals(List.of(List.of("e1", "e2"), List.of("e3")),
                    oss.written().stream().map(DeliveryServiceTest::ids).toList());
            assertTrue(oss.written().stream().allMatch(b -> b.stamp().equals(T0)));
            DeliveryCursor ok = cursor("trail-test", DestinationType.OSS);
            assertNull(ok.latestDeliveryError());
            assertEquals(0, ok.failures());
            assertNull(ok.nextAttempt());
            assertEquals(T0.plusSeconds(7), ok.latestDeliveryTime());
            assertEquals(3, ok.deliveredSeq());
            assertEquals(0, ok.pendingToSeq());
            assertNull(ok.pendingStamp());

            delivery.deliverOnce();
            assertEquals(List.of("e1", "e2", "e3", "e4"), oss.writtenIds(), "nothing lost, nothing reordered");
            assertEquals(List.of(1L, 2L, 3L, 4L), oss.writtenSeqs());
            assertEquals(List.of("e1", "e2", "e3", "e4"), sls.writtenIds(), "SLS never repeated anything");
            report = status("trail-test");
            assertNull(report.latestDeliveryError());
            assertEquals(T0.plusSeconds(7), report.latestDeliveryTime());
        }

        @Test
        void theBackoffDoublesUpToTheMaximum() {
            ossTrail("trail-test", "audit-log", null, null);
            start("trail-test");
            event("e1");
            oss.failWith(NO_BUCKET);
            List<Duration> waits = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                delivery.deliverOnce();
                DeliveryCursor c = cursor("trail-test", DestinationType.OSS);
                assertEquals(i + 1, c.failures());
                waits.add(Duration.between(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                        c.nextAttempt()));
                clock.set(c.nextAttempt());
            }
            assertEquals(List.of(1L, 2L, 4L, 8L, 8L, 8L), waits.stream().map(Duration::toSeconds).toList());
            assertEquals(6, oss.attempts().size());
        }

        @Test
        void settingsBackoff() {
            assertEquals(Duration.ofSeconds(1), DeliverySettings.DEFAULT.backoff(1));
            assertEquals(Duration.ofSeconds(2), DeliverySettings.DEFAULT.backoff(2));
            assertEquals(Duration.ofSeconds(32), DeliverySettings.DEFAULT.backoff(6));
            assertEquals(Duration.ofSeconds(60), DeliverySettings.DEFAULT.backoff(7));
            assertEquals(Duration.ofSeconds(60), DeliverySettings.DEFAULT.backoff(1000));
        }

        @Test
        void aPartlyWrittenBatchIsWrittenAgainWholeOntoTheSameObjects() {
            ossTrail("trail-test", "audit-log", null, null);
            start("trail-test");
            event("hz1", HZ, "Write");
            event("bj1", BJ, "Write");
            oss.failWhen(b -> BJ.equals(b.region()), "AccessDenied: You have no right to access this object.");

            delivery.deliverOnce();
            assertEquals(1, oss.written().size(), "the cn-hangzhou object was written");

            oss.recover();
            clock.advance(Duration.ofSeconds(1));
            delivery.deliverOnce();

            List<DeliveryBatch> written = oss.written();
            assertEquals(3, written.size());
            assertEquals(written.get(0), written.get(1), "same stamp, same events: the same object again");
            assertEquals(List.of("bj1"), ids(written.get(2)));
            assertEquals(T0, written.get(2).stamp());
        }

        @Test
        void anSlsFailureIsTheLogServiceError() {
            trailService.create(ctx(HZ), request("trail-test", "audit-log", SLS_ARN, null, null, null));
            start("trail-test");
            event("e1");
            String denied = "Unauthorized: denied by sts or ram, action: log:PostLogStoreLogs";
            sls.failWith(denied);

            delivery.deliverOnce();

            TrailStatusReport report = status("trail-test");
            assertEquals(T0, report.latestDeliveryTime());
            assertNull(report.latestDeliveryError());
            assertNull(report.latestDeliveryLogServiceTime());
            assertEquals(denied, report.latestDeliveryLogServiceError());
        }

        @Test
        void aFailureAfterSuccessesKeepsTheLastDeliveryTime() {
            ossTrail("trail-test", "audit-log", null, null);
            start("trail-test");
            event("e1");
            delivery.deliverOnce();
            clock.advance(Duration.ofMinutes(5));
            event("e2");
            oss.failWith(NO_BUCKET);
            delivery.deliverOnce();

            TrailStatusReport report = status("trail-test");
            assertEquals(T0, report.latestDeliveryTime());
            assertEquals(NO_BUCKET, report.latestDeliveryError());
        }
    }

    // ---- crashes --------------------------------------------------------------------------------------------

    @Nested
    class Crashes {
        @Test
        void aCrashBetweenWritingAndSavingTheCursorRewritesTheIdenticalBatchThenMovesOn() {
            ossTrail("trail-test", "audit-log", null, null);
            start("trail-test");
            event("hz1", HZ, "Write");
            event("bj1", BJ, "Write");
            event("hz2", HZ, "Write");
            ledger.failSaves(c -> c.pendingToSeq() == 0); // the "delivered" save: the process dies there

            assertThrows(IllegalStateException.class, delivery::deliverOnce);
            List<DeliveryBatch> beforeCrash = oss.written();
            assertEquals(2, beforeCrash.size(), "both objects were written");
            DeliveryCursor pending = cursor("trail-test", DestinationType.OSS);
            assertEquals(3, pending.pendingToSeq());
            assertEquals(T0, pending.pendingStamp());
            assertEquals(0, pending.deliveredSeq());

            // restart later: a fresh service over the same ledger; more events were recorded meanwhile
            ledger.failSaves(c -> false);
            clock.advance(Duration.ofMinutes(3));
            event("hz3", HZ, "Write");
            DeliveryService restarted = service(SETTINGS);

            DeliveryService.Round redo = restarted.deliverOnce();
            assertEquals(new DeliveryService.Round(3, 2, 0, false), redo);
            List<DeliveryBatch> afterRestart = oss.written().subList(2, oss.written().size());
            assertEquals(beforeCrash, afterRestart, "the identical batch: same stamp, same regions, same seqs");

            restarted.deliverOnce();
            List<DeliveryBatch> all = oss.written();
            assertEquals(5, all.size());
            assertEquals(List.of("hz3"), ids(all.get(4)));
            assertEquals(T0.plus(Duration.ofMinutes(3)), all.get(4).stamp());
            assertEquals(new DeliveryService.Round(0, 0, 0, true), restarted.deliverOnce());
            DeliveryCursor done = cursor("trail-test", DestinationType.OSS);
            assertEquals(4, done.deliveredSeq());
            assertEquals(0, done.pendingToSeq());
        }

        @Test
        void aCrashWhileWritingResumesWithThePendingStamp() {
            ossTrail("trail-test", "audit-log", null, null);
            start("trail-test");
            event("e1");
            event("e2");
            oss.crashWith(new Error("killed")); // the process dies mid-write

            assertThrows(Error.class, delivery::deliverOnce);
            assertEquals(List.of(), oss.written());

            oss.recover();
            clock.advance(Duration.ofHours(1));
            event("e3");
            DeliveryService restarted = service(SETTINGS);
            restarted.deliverUntilCaughtUp();

            assertEquals(List.of(T0, T0.plus(Duration.ofHours(1))),
                    oss.written().stream().map(DeliveryBatch::stamp).toList());
            assertEquals(List.of("e1", "e2", "e3"), oss.writtenIds());
        }

        @Test
        void aPendingBatchSurvivesWhileTheTrailIsStopped() {
            ossTrail("trail-test", "audit-log", null, null);
            start("trail-test");
            event("e1");
            oss.crashWith(new Error("killed")); // the process dies mid-write
            assertThrows(Error.class, delivery::deliverOnce);
            oss.recover();
            stop("trail-test");
            event("gap");

            service(SETTINGS).deliverUntilCaughtUp();

            assertEquals(List.of("e1"), oss.writtenIds());
            assertEquals(T0, oss.written().get(0).stamp());
        }
    }

    // ---- GetTrailStatus -------------------------------------------------------------------------------------

    @Nested
    class Status {
        @Test
        void aTrailThatDeliveredNothingHasNoLatestDeliveryTime() {
            trailService.create(ctx(HZ), request("trail-test", "audit-log", SLS_ARN, null, "Write", null));
            TrailStatusReport fresh = status("trail-test");
            assertNull(fresh.latestDeliveryTime());
            assertNull(fresh.latestDeliveryError());
            assertNull(fresh.latestDeliveryLogServiceTime());
            assertNull(fresh.latestDeliveryLogServiceError());

            start("trail-test");
            delivery.deliverOnce(); // nothing recorded
            event("r1", HZ, "Read"); // not selected by EventRW=Write
            delivery.deliverOnce();

            TrailStatusReport report = status("trail-test");
            assertNull(report.latestDeliveryTime());
            assertNull(report.latestDeliveryError());
            assertNull(report.latestDeliveryLogServiceTime());
            assertNull(report.latestDeliveryLogServiceError());
            assertEquals(List.of(), oss.attempts());
            assertEquals(1, cursor("trail-test", DestinationType.OSS).deliveredSeq(), "skipped, not stuck");
        }

        @Test
        void latestDeliveryTimesAreTheRoundsThatWrote() {
            trailService.create(ctx(HZ), request("trail-test", "audit-log", SLS_ARN, null, "Write", null));
            start("trail-test");
            event("w1", HZ, "Write");
            delivery.deliverOnce();
            clock.advance(Duration.ofMinutes(5));
            event("r1", HZ, "Read"); // nothing to write this round
            delivery.deliverOnce();

            TrailStatusReport report = status("trail-test");
            assertEquals(T0, report.latestDeliveryTime());
            assertEquals(T0, report.latestDeliveryLogServiceTime());

            clock.advance(Duration.ofMinutes(5));
            event("w2", HZ, "Write");
            delivery.deliverOnce();
            report = status("trail-test");
            assertEquals(T0.plus(Duration.ofMinutes(10)), report.latestDeliveryTime());
            assertEquals(T0.plus(Duration.ofMinutes(10)), report.latestDeliveryLogServiceTime());
        }

        @Test
        void deleteTrailForgetsItsDelivery() {
            ossTrail("trail-test", "audit-log", null, null);
            start("trail-test");
            event("e1");
            delivery.deliverOnce();
            assertEquals(T0, status("trail-test").latestDeliveryTime());

            trailService.delete(ctx(HZ), "trail-test");
            event("between");
            ossTrail("trail-test", "audit-log", null, null);
            assertNull(status("trail-test").latestDeliveryTime(), "the new trail delivered nothing yet");
            delivery.deliverOnce();
            assertEquals(List.of("e1"), oss.writtenIds(), "not started: nothing");

            start("trail-test");
            event("e2");
            delivery.deliverOnce();
            assertEquals(List.of("e1", "e2"), oss.writtenIds());
        }
    }
}
