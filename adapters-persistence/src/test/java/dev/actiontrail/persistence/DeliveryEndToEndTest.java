package dev.actiontrail.persistence;

import dev.actiontrail.core.account.Account;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.api.ApiVersion;
import dev.actiontrail.core.api.CallContext;
import dev.actiontrail.core.delivery.DeliveryCursor;
import dev.actiontrail.core.delivery.DeliveryLedger;
import dev.actiontrail.core.delivery.DeliveryService;
import dev.actiontrail.core.delivery.DeliverySettings;
import dev.actiontrail.core.delivery.DestinationType;
import dev.actiontrail.core.delivery.LoggingSegment;
import dev.actiontrail.core.event.AuditEvent;
import dev.actiontrail.core.testing.CrashingLedger;
import dev.actiontrail.core.testing.MutableClock;
import dev.actiontrail.core.trail.TrailRequest;
import dev.actiontrail.core.trail.TrailService;
import dev.actiontrail.core.trail.TrailStatusReport;
import dev.actiontrail.persistence.destination.LocalDeliveryWriters;
import dev.actiontrail.persistence.destination.LocalResourceDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static dev.actiontrail.persistence.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delivery wired as the server wires it — SQLite store, event log, ledger and trails, local destinations — with the
 * store closed and reopened between rounds: cursors persist and nothing is delivered twice.
 */
class DeliveryEndToEndTest {
    static final AccountId ACCOUNT = AccountId.of("1234567890123456");
    static final CallContext CTX = new CallContext(Account.of(ACCOUNT, null), "cn-hangzhou", ApiVersion.V2020_07_06);
    static final String SLS_ARN = "acs:log:cn-hangzhou:1234567890123456:project/audit-project";
    static final String ODPS_ARN = "acs:odps:cn-hangzhou:1234567890123456:project/actiontrail_audit";
    static final Instant T0 = Instant.parse("2024-05-20T12:00:00Z");

    @TempDir
    Path dir;

    MutableClock clock = new MutableClock(T0.plusMillis(400));
    LocalResourceDirectory resources;
    SqliteStore store;
    DeliveryLedger ledger;
    TrailService trails;
    DeliveryService delivery;
    int ids;

    @BeforeEach
    void setUp() {
        resources = new LocalResourceDirectory(dir.resolve("data"), clock);
        resources.createBucket("audit-log", "cn-hangzhou");
        resources.createSlsProject("audit-project", "cn-hangzhou");
        open();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    /** Opens the store and wires everything as a fresh process would. */
    void open() {
        store = SqliteStore.open(dir.resolve("data/actiontrail.db"));
        ledger = new SqliteDeliveryLedger(store);
        wire(ledger);
    }

    void wire(DeliveryLedger withLedger) {
        trails = new TrailService(store.trails(), resources, withLedger, new SqliteHistoryJobs(store), clock);
        delivery = new DeliveryService(store.trails(), new SqliteEventLog(store), withLedger,
                LocalDeliveryWriters.all(resources), clock, settings);
    }

    DeliverySettings settings = DeliverySettings.DEFAULT;

    /** The process stops and starts again. */
    void restart() {
        store.close();
        open();
    }

    AuditEvent record(String region) {
        ids++;
        AuditEvent e = region == null
                ? event("ev-" + ids, "2024-05-20T11:00:0" + (ids % 10) + "Z", "eventRW", "Write")
                : event("ev-" + ids, "2024-05-20T11:00:0" + (ids % 10) + "Z", "acsRegion", region, "eventRW", "Write");
        store.events().append(ACCOUNT, List.of(e));
        return e;
    }

    List<String> objects() {
        return resources.listObjects("oss://audit-log");
    }

    List<Path> files(String folder) throws IOException {
        Path p = dir.resolve("data").resolve(folder);
        if (!Files.exists(p)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(p)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The gunzipped JSON text of an object. */
    String content(String url) throws IOException {
        Path file = dir.resolve("data/oss/audit-log").resolve(url.substring("oss://audit-log/".length()));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String array(AuditEvent... events) {
        List<String> json = new ArrayList<>();
        for (AuditEvent e : events) {
            json.add(e.json());
        }
        return "[" + String.join(",", json) + "]";
    }

    /** The text of every SLS log line delivered so far, in shard order. */
    List<String> slsLines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path shard : files("sls/audit-project/actiontrail_trail-test")) {
            lines.addAll(Files.readAllLines(shard));
        }
        return lines;
    }

    @Test
    void smallBatchesReadAheadDeliverEveryEventOnceInOrderAcrossARestart() throws IOException {
        settings = new DeliverySettings(4, 1000, 1 << 20, Duration.ofSeconds(1), Duration.ofSeconds(8));
        wire(ledger);
        trails.create(CTX, new TrailRequest("trail-test", "audit-log", null, null, SLS_ARN, null, null, null,
                null, null, null, null));
        trails.startLogging(CTX, "trail-test");
        List<AuditEvent> recorded = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            recorded.add(record("cn-hangzhou"));
        }
        assertEquals(4, delivery.deliverOnce().eventsDelivered() / 2, "one batch per destination, the next read ahead");
        for (int i = 0; i < 7; i++) {
            recorded.add(record("cn-hangzhou"));
        }
        assertEquals(4, delivery.deliverOnce().eventsDelivered() / 2);
        restart(); // the read-ahead batch is lost with the process: read again
        settings = new DeliverySettings(4, 1000, 1 << 20, Duration.ofSeconds(1), Duration.ofSeconds(8));
        wire(ledger);
        recorded.add(record("cn-hangzhou"));
        assertTrue(delivery.deliverUntilCaughtUp().caughtUp());

        List<String> expected = recorded.stream().map(AuditEvent::json).toList();
        List<String> sls = slsLines().stream()
                .map(l -> l.substring(l.indexOf(",\"event\":") + 9, l.length() - 1)).toList();
        assertEquals(expected, sls, "SLS: every event once, in recording order");
        List<String> oss = new ArrayList<>();
        for (String object : objects()) { // objects of one window share a stamp: listed by count, not in order
            String array = content(object);
            assertTrue(String.join(",", expected).contains(array.substring(1, array.length() - 1)),
                    "an object is a run of consecutive events: " + object);
            oss.add(array);
        }
        assertEquals(expected.size(), oss.stream().mapToInt(a -> a.split("\\{\"eventId\"").length - 1).sum(),
                "OSS: as many events as recorded");
        assertEquals(expected.stream().sorted().toList(), oss.stream()
                .flatMap(a -> expected.stream().filter(a::contains)).sorted().toList(), "OSS: every event once");
    }

    @Test
    void deliversWhileLoggingOnlyOnceAcrossRestarts() throws IOException {
        AuditEvent before = record("cn-hangzhou");
        trails.create(CTX, new TrailRequest("trail-test", "audit-log", "audit-logs", null, SLS_ARN, null, ODPS_ARN, null,
                null, null, null, null));
        assertEquals(new DeliveryService.Round(0, 0, 0, true), delivery.deliverOnce(), "not logging yet");
        trails.startLogging(CTX, "trail-test");
        AuditEvent hz1 = record("cn-hangzhou");
        AuditEvent bj1 = record("cn-beijing");
        AuditEvent global = record(null);
        AuditEvent hz2 = record("cn-hangzhou");

        DeliveryService.Round first = delivery.deliverOnce();

        assertEquals(new DeliveryService.Round(12, 4, 0, true), first);
        List<String> round1 = objects();
        assertEquals(2, round1.size(), round1.toString());
        String bj = round1.stream().filter(o -> o.contains("/cn-beijing/")).findFirst().orElseThrow();
        String hz = round1.stream().filter(o -> o.contains("/cn-hangzhou/")).findFirst().orElseThrow();
        assertTrue(hz.startsWith("oss://audit-log/audit-logs/AliyunLogs/Actiontrail/cn-hangzhou/2024/05/20/"
                + "Actiontrail_cn-hangzhou_20240520120000_1002_3_"), hz);
        assertTrue(bj.contains("/Actiontrail_cn-beijing_20240520120000_1002_1_"), bj);
        assertEquals(array(hz1, global, hz2), content(hz), "global events go with the home region");
        assertEquals(array(bj1), content(bj));
        assertEquals(4, slsLines().size());
        assertTrue(slsLines().get(0).endsWith("\"event\":" + hz1.json() + "}"));
        assertEquals(1, files("odps/actiontrail_audit/actiontrail_trail-test/ds=20240520").size(),
                "one MaxCompute file for the day");
        assertTrue(slsLines().stream().noneMatch(l -> l.contains(before.eventId() + "\"")),
                "recorded before StartLogging");
        TrailStatusReport status = trails.status(CTX, "trail-test", false);
        assertEquals(T0, status.latestDeliveryTime());
        assertEquals(T0, status.latestDeliveryLogServiceTime());
        assertNull(status.latestDeliveryError());

        // restart: nothing is delivered again
        restart();
        clock.advance(Duration.ofMinutes(5));
        assertEquals(new DeliveryService.Round(0, 0, 0, true), delivery.deliverOnce());
        assertEquals(round1, objects());
        assertEquals(4, slsLines().size());
        assertEquals(T0, trails.status(CTX, "trail-test", false).latestDeliveryTime(), "kept across restarts");

        // stopped: events recorded meanwhile are not delivered, not even after a restart
        trails.stopLogging(CTX, "trail-test");
        record("cn-hangzhou");
        assertEquals(new DeliveryService.Round(0, 0, 0, true), delivery.deliverOnce());
        restart();
        record("cn-hangzhou");
        assertEquals(new DeliveryService.Round(0, 0, 0, true), delivery.deliverOnce());
        assertEquals(round1, objects());

        // started again: only what is recorded from now on
        trails.startLogging(CTX, "trail-test");
        AuditEvent later = record("cn-hangzhou");
        restart();
        clock.advance(Duration.ofMinutes(5));
        assertEquals(3, delivery.deliverOnce().eventsDelivered());
        List<String> added = new ArrayList<>(objects());
        added.removeAll(round1);
        assertEquals(1, added.size());
        assertTrue(added.get(0).contains("_20240520121000_1002_1_"), added.get(0));
        assertEquals(array(later), content(added.get(0)));
        assertEquals(5, slsLines().size());
        assertTrue(slsLines().get(4).endsWith("\"event\":" + later.json() + "}"));
        assertEquals(T0.plus(Duration.ofMinutes(10)), trails.status(CTX, "trail-test", false).latestDeliveryTime());
        assertEquals(List.of(), files(".staging"));
    }

    @Test
    void aCrashAfterWritingRewritesTheSameObjectsAfterRestart() throws IOException {
        trails.create(CTX, new TrailRequest("trail-test", "audit-log", null, null, null, null, null, null, null, null,
                null, null));
        trails.startLogging(CTX, "trail-test");
        AuditEvent e1 = record("cn-hangzhou");
        AuditEvent e2 = record("cn-shanghai");
        // the process dies right after writing, before the cursor says so
        CrashingLedger dying = new CrashingLedger(ledger);
        dying.failSaves(c -> c.pendingToSeq() == 0); // dies when it would record the batch as delivered
        wire(dying);
        assertThrows(IllegalStateException.class, delivery::deliverOnce);
        List<String> written = objects();
        assertEquals(2, written.size());
        Optional<DeliveryCursor> pending = ledger.cursor(ACCOUNT, "trail-test", DestinationType.OSS);
        assertTrue(pending.isPresent() && pending.get().pendingToSeq() > 0, pending.toString());

        restart();
        clock.advance(Duration.ofMinutes(7));
        AuditEvent e3 = record("cn-hangzhou");
        DeliveryService.Round redo = delivery.deliverOnce();
        assertEquals(2, redo.eventsDelivered());
        assertEquals(written, objects(), "the same objects, not new ones");
        assertEquals(array(e1), content(written.stream().filter(o -> o.contains("/cn-hangzhou/")).findFirst()
                .orElseThrow()));
        assertEquals(array(e2), content(written.stream().filter(o -> o.contains("/cn-shanghai/")).findFirst()
                .orElseThrow()));

        delivery.deliverOnce();
        List<String> all = objects();
        assertEquals(3, all.size());
        String last = all.stream().filter(o -> !written.contains(o)).findFirst().orElseThrow();
        assertTrue(last.contains("_20240520120700_1002_1_"), last);
        assertEquals(array(e3), content(last));
    }

    @Test
    void aDeniedBucketIsReportedRetriedAndCaughtUpWhenAllowedAgain() throws IOException {
        trails.create(CTX, new TrailRequest("trail-test", "audit-log", null, null, null, null, null, null, null, null,
                null, null));
        trails.startLogging(CTX, "trail-test");
        AuditEvent e1 = record("cn-hangzhou");
        resources.setBucketPolicy("audit-log", false);

        assertEquals(1, delivery.deliverOnce().failures());
        TrailStatusReport failing = trails.status(CTX, "trail-test", false);
        assertTrue(failing.latestDeliveryError().startsWith("AccessDenied"), failing.latestDeliveryError());
        assertNull(failing.latestDeliveryTime());
        assertEquals(Boolean.FALSE, failing.ossBucketStatus());

        restart(); // the error and the pending batch persist
        assertTrue(trails.status(CTX, "trail-test", false).latestDeliveryError().startsWith("AccessDenied"));
        AuditEvent e2 = record("cn-hangzhou");
        resources.setBucketPolicy("audit-log", true);
        clock.advance(Duration.ofSeconds(1));
        DeliveryService.Round caughtUp = delivery.deliverUntilCaughtUp();

        assertEquals(0, caughtUp.failures());
        assertEquals(2, caughtUp.eventsDelivered());
        List<String> objects = objects();
        assertEquals(2, objects.size());
        assertTrue(objects.stream().allMatch(o -> o.contains("_1002_1_")), objects.toString());
        String firstBatch = objects.stream().filter(o -> o.contains("_20240520120000_")).findFirst().orElseThrow();
        assertEquals(array(e1), content(firstBatch), "the failed batch, with its original time");
        String secondBatch = objects.stream().filter(o -> !o.equals(firstBatch)).findFirst().orElseThrow();
        assertEquals(array(e2), content(secondBatch));
        TrailStatusReport ok = trails.status(CTX, "trail-test", false);
        assertNull(ok.latestDeliveryError());
        assertEquals(T0.plusSeconds(1), ok.latestDeliveryTime());
    }

    @Test
    void stopAndStartWithNothingRecordedInBetweenKeepsLogging() {
        trails.create(CTX, new TrailRequest("trail-test", "audit-log", null, null, null, null, null, null, null, null,
                null, null));
        record("cn-hangzhou");
        trails.startLogging(CTX, "trail-test");
        trails.stopLogging(CTX, "trail-test");
        trails.startLogging(CTX, "trail-test");
        assertTrue(trails.status(CTX, "trail-test", false).trail().isLogging());
        List<LoggingSegment> segments = ledger.segments(ACCOUNT, "trail-test");
        assertTrue(segments.get(segments.size() - 1).open());
        record("cn-hangzhou");
        assertEquals(1, delivery.deliverOnce().eventsDelivered());
    }

    @Test
    void aForgedAcsRegionIsDeliveredUnderTheHomeRegionInsideTheBucket() throws IOException {
        trails.create(CTX, new TrailRequest("trail-test", "audit-log", null, null, null, null, null, null, null, null,
                null, null));
        trails.startLogging(CTX, "trail-test");
        AuditEvent forged = record("../../../../../escape");
        AuditEvent fine = record("cn-hangzhou");

        DeliveryService.Round round = delivery.deliverOnce();

        assertEquals(new DeliveryService.Round(2, 1, 0, true), round);
        List<String> objects = objects();
        assertEquals(1, objects.size());
        assertTrue(objects.get(0).startsWith("oss://audit-log/AliyunLogs/Actiontrail/cn-hangzhou/"), objects.get(0));
        assertEquals(array(forged, fine), content(objects.get(0)));
        assertTrue(Files.notExists(dir.resolve("escape")) && Files.notExists(dir.resolve("data/escape")));
    }
}
