package dev.actiontrail.persistence;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.delivery.DeliveryCursor;
import dev.actiontrail.core.delivery.DestinationType;
import dev.actiontrail.core.delivery.LoggingSegment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

import static dev.actiontrail.persistence.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The delivery ledger on a real SQLite file: logging segments and delivery cursors. */
class SqliteDeliveryLedgerTest {
    static final AccountId ACCOUNT = AccountId.of("1234567890123456");
    static final AccountId OTHER = AccountId.of("9999999999999999");
    static final long OPEN = Long.MAX_VALUE;

    @TempDir
    Path dir;

    SqliteStore store;
    SqliteDeliveryLedger ledger;
    int events;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("at.db"));
        ledger = new SqliteDeliveryLedger(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    void reopen() {
        store.close();
        open();
    }

    /** Records {@code n} events of the account; returns the last seq. */
    long record(int n) {
        for (int i = 0; i < n; i++) {
            events++;
            store.events().append(ACCOUNT, List.of(event("e" + events, "2024-05-20T10:00:00Z")));
        }
        return new SqliteEventLog(store).lastSeq();
    }

    /** The seqs in {@code 1..upTo} that the trail's segments cover. */
    List<Long> covered(String trail, long upTo) {
        List<LoggingSegment> segments = ledger.segments(ACCOUNT, trail);
        return LongStream.rangeClosed(1, upTo).filter(s -> segments.stream().anyMatch(g -> g.contains(s)))
                .boxed().toList();
    }

    @Test
    void segmentsOpenAndCloseAtTheLastEventRecorded() {
        assertEquals(List.of(), ledger.segments(ACCOUNT, "trail-test"));
        ledger.openSegment(ACCOUNT, "trail-test"); // nothing recorded yet
        assertEquals(List.of(new LoggingSegment(0, OPEN)), ledger.segments(ACCOUNT, "trail-test"));
        ledger.closeSegment(ACCOUNT, "trail-test");
        assertEquals(List.of(new LoggingSegment(0, 0)), ledger.segments(ACCOUNT, "trail-test"));

        ledger.forget(ACCOUNT, "trail-test");
        record(2);
        ledger.openSegment(ACCOUNT, "trail-test");
        assertEquals(List.of(new LoggingSegment(2, OPEN)), ledger.segments(ACCOUNT, "trail-test"));
        record(3);
        ledger.closeSegment(ACCOUNT, "trail-test");
        assertEquals(List.of(new LoggingSegment(2, 5)), ledger.segments(ACCOUNT, "trail-test"));
    }

    @Test
    void openingAnOpenSegmentOrClosingAClosedOneChangesNothing() {
        record(1);
        ledger.openSegment(ACCOUNT, "trail-test");
        record(2);
        ledger.openSegment(ACCOUNT, "trail-test");
        assertEquals(List.of(new LoggingSegment(1, OPEN)), ledger.segments(ACCOUNT, "trail-test"));
        ledger.closeSegment(ACCOUNT, "trail-test");
        record(1);
        ledger.closeSegment(ACCOUNT, "trail-test");
        assertEquals(List.of(new LoggingSegment(1, 3)), ledger.segments(ACCOUNT, "trail-test"));

        ledger.closeSegment(ACCOUNT, "never-started");
        assertEquals(List.of(), ledger.segments(ACCOUNT, "never-started"));
    }

    @Test
    void segmentsAreListedOldestFirst() {
        for (int i = 0; i < 4; i++) {
            record(1);
            ledger.openSegment(ACCOUNT, "trail-test");
            record(2);
            ledger.closeSegment(ACCOUNT, "trail-test");
        }
        record(1);
        ledger.openSegment(ACCOUNT, "trail-test");
        assertEquals(List.of(new LoggingSegment(1, 3), new LoggingSegment(4, 6), new LoggingSegment(7, 9),
                new LoggingSegment(10, 12), new LoggingSegment(13, OPEN)), ledger.segments(ACCOUNT, "trail-test"));
        assertEquals(List.of(2L, 3L, 5L, 6L, 8L, 9L, 11L, 12L), covered("trail-test", 13));
    }

    @Test
    void stopAndStartWithoutEventsInBetweenWorks() {
        record(2);
        ledger.openSegment(ACCOUNT, "trail-test");
        ledger.closeSegment(ACCOUNT, "trail-test");
        ledger.openSegment(ACCOUNT, "trail-test"); // no event since: must not collide with the empty segment
        ledger.closeSegment(ACCOUNT, "trail-test");
        ledger.openSegment(ACCOUNT, "trail-test");
        List<LoggingSegment> segments = ledger.segments(ACCOUNT, "trail-test");
        assertTrue(segments.get(segments.size() - 1).open());
        record(2);
        assertEquals(List.of(3L, 4L), covered("trail-test", 4));

        record(1);
        ledger.closeSegment(ACCOUNT, "trail-test");
        record(1); // recorded while stopped
        ledger.openSegment(ACCOUNT, "trail-test");
        ledger.closeSegment(ACCOUNT, "trail-test");
        ledger.openSegment(ACCOUNT, "trail-test");
        record(1);
        assertEquals(List.of(3L, 4L, 5L, 7L), covered("trail-test", 7));
    }

    @Test
    void segmentsBelongToOneTrailOfOneAccount() {
        record(1);
        ledger.openSegment(ACCOUNT, "trail-a");
        record(1);
        ledger.openSegment(ACCOUNT, "trail-b");
        ledger.openSegment(OTHER, "trail-a");
        ledger.closeSegment(ACCOUNT, "trail-a");
        assertEquals(List.of(new LoggingSegment(1, 2)), ledger.segments(ACCOUNT, "trail-a"));
        assertEquals(List.of(new LoggingSegment(2, OPEN)), ledger.segments(ACCOUNT, "trail-b"));
        assertEquals(List.of(new LoggingSegment(2, OPEN)), ledger.segments(OTHER, "trail-a"));
    }

    @Test
    void aCursorRoundTripsWithEveryField() {
        DeliveryCursor full = new DeliveryCursor(ACCOUNT, "trail-test", DestinationType.OSS, 41, 57,
                Instant.parse("2024-05-20T12:00:00Z"), Instant.parse("2024-05-20T11:55:00Z"),
                "NoSuchBucket: The specified bucket does not exist.", 3, Instant.parse("2024-05-20T12:00:04.500Z"));
        ledger.save(full);
        assertEquals(Optional.of(full), ledger.cursor(ACCOUNT, "trail-test", DestinationType.OSS));

        DeliveryCursor fresh = DeliveryCursor.start(ACCOUNT, "trail-test", DestinationType.SLS, 12);
        ledger.save(fresh);
        assertEquals(Optional.of(fresh), ledger.cursor(ACCOUNT, "trail-test", DestinationType.SLS));
        assertEquals(Optional.of(full), ledger.cursor(ACCOUNT, "trail-test", DestinationType.OSS),
                "one cursor per destination");
        assertEquals(Optional.empty(), ledger.cursor(ACCOUNT, "trail-test", DestinationType.MAX_COMPUTE));
        assertEquals(Optional.empty(), ledger.cursor(OTHER, "trail-test", DestinationType.OSS));
        assertEquals(Optional.empty(), ledger.cursor(ACCOUNT, "trail-other", DestinationType.OSS));

        DeliveryCursor delivered = new DeliveryCursor(ACCOUNT, "trail-test", DestinationType.OSS, 57, 0, null,
                Instant.parse("2024-05-20T12:00:05Z"), null, 0, null);
        ledger.save(delivered);
        assertEquals(Optional.of(delivered), ledger.cursor(ACCOUNT, "trail-test", DestinationType.OSS),
                "save replaces, nulls stay null");

        reopen();
        assertEquals(Optional.of(delivered), ledger.cursor(ACCOUNT, "trail-test", DestinationType.OSS));
        assertEquals(Optional.of(fresh), ledger.cursor(ACCOUNT, "trail-test", DestinationType.SLS));
    }

    @Test
    void segmentsSurviveReopening() {
        record(3);
        ledger.openSegment(ACCOUNT, "trail-test");
        record(1);
        ledger.closeSegment(ACCOUNT, "trail-test");
        ledger.openSegment(ACCOUNT, "trail-test");
        reopen();
        record(1);
        assertEquals(List.of(4L, 5L), covered("trail-test", 5));
        assertTrue(ledger.segments(ACCOUNT, "trail-test").get(ledger.segments(ACCOUNT, "trail-test").size() - 1)
                .open());
    }

    @Test
    void forgetRemovesTheTrailsSegmentsAndCursorsOnly() {
        record(1);
        ledger.openSegment(ACCOUNT, "trail-test");
        ledger.openSegment(ACCOUNT, "trail-kept");
        ledger.openSegment(OTHER, "trail-test");
        for (DestinationType type : DestinationType.values()) {
            ledger.save(DeliveryCursor.start(ACCOUNT, "trail-test", type, 1));
            ledger.save(DeliveryCursor.start(ACCOUNT, "trail-kept", type, 1));
            ledger.save(DeliveryCursor.start(OTHER, "trail-test", type, 1));
        }

        ledger.forget(ACCOUNT, "trail-test");

        assertEquals(List.of(), ledger.segments(ACCOUNT, "trail-test"));
        for (DestinationType type : DestinationType.values()) {
            assertFalse(ledger.cursor(ACCOUNT, "trail-test", type).isPresent());
            assertTrue(ledger.cursor(ACCOUNT, "trail-kept", type).isPresent());
            assertTrue(ledger.cursor(OTHER, "trail-test", type).isPresent());
        }
        assertEquals(1, ledger.segments(ACCOUNT, "trail-kept").size());
        assertEquals(1, ledger.segments(OTHER, "trail-test").size());

        ledger.openSegment(ACCOUNT, "trail-test"); // a new trail of the same name starts afresh
        assertEquals(List.of(new LoggingSegment(1, OPEN)), ledger.segments(ACCOUNT, "trail-test"));
    }
}
