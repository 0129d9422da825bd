package dev.actiontrail.persistence;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.delivery.LoggedEvent;
import dev.actiontrail.core.event.AuditEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.actiontrail.persistence.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The event table read in recording order for delivery, on a real SQLite file. */
class SqliteEventLogTest {
    static final AccountId ACCOUNT = AccountId.of("1234567890123456");
    static final AccountId OTHER = AccountId.of("9999999999999999");

    @TempDir
    Path dir;

    SqliteStore store;
    SqliteEventLog log;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("at.db"));
        log = new SqliteEventLog(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static List<String> ids(List<LoggedEvent> events) {
        return events.stream().map(e -> e.json().replaceAll("^\\{\"eventId\":\"([^\"]*)\".*$", "$1")).toList();
    }

    @Test
    void readIsARangeOfThePrimaryKeyWithoutSorting() {
        store.events().append(ACCOUNT, List.of(event("a1", "2024-05-20T10:00:00Z")));
        List<String> plan = store.read(h -> h.createQuery("EXPLAIN QUERY PLAN " + SqliteEventLog.READ)
                .bind(0, 0).bind(1, 10).bind(2, ACCOUNT.value()).bind(3, 10)
                .map((rs, ctx) -> rs.getString("detail")).list());
        assertEquals(List.of("SEARCH event USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"), plan);
    }

    @Test
    void readCarriesTheUtf8SizeOfTheJsonAsStored() {
        store.events().append(ACCOUNT, List.of(event("a1", "2024-05-20T10:00:00Z", "userName", "\u5f20\u4e09 caf\u00e9 \ud83d\ude00")));
        LoggedEvent e = log.read(ACCOUNT, 0, log.lastSeq(), 10).get(0);
        assertEquals(e.json().getBytes(java.nio.charset.StandardCharsets.UTF_8).length, e.jsonBytes());
        assertEquals(new LoggedEvent(e.seq(), e.eventTime(), e.acsRegion(), e.eventRW(), e.json()), e,
                "the same size as counted from the text");
    }

    @Test
    void lastSeqIsZeroWhenEmptyThenTheLastRecorded() {
        assertEquals(0, log.lastSeq());
        store.events().append(ACCOUNT, List.of(event("a1", "2024-05-20T10:00:00Z"),
                event("a2", "2024-05-20T09:00:00Z")));
        long afterTwo = log.lastSeq();
        assertEquals(2, log.read(ACCOUNT, 0, afterTwo, 10).size());
        store.events().append(OTHER, List.of(event("o1", "2024-05-20T10:00:00Z")));
        assertTrue(log.lastSeq() > afterTwo, "any account's event moves it");
        long afterOther = log.lastSeq();
        store.events().append(ACCOUNT, List.of(event("a1", "2024-05-20T10:00:00Z"))); // duplicate: not recorded
        assertEquals(afterOther, log.lastSeq());
    }

    @Test
    void readReturnsTheAccountsEventsInRecordingOrderWithinTheBounds() {
        List<Long> seqs = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            // event times deliberately out of order: the log is in recording order, not time order
            store.events().append(ACCOUNT, List.of(event("a" + i, "2024-05-20T1" + (6 - i) + ":00:00Z")));
            seqs.add(log.lastSeq());
            store.events().append(OTHER, List.of(event("o" + i, "2024-05-20T10:00:00Z")));
        }
        long last = log.lastSeq();

        assertEquals(List.of("a1", "a2", "a3", "a4", "a5", "a6"), ids(log.read(ACCOUNT, 0, last, 100)));
        assertEquals(seqs, log.read(ACCOUNT, 0, last, 100).stream().map(LoggedEvent::seq).toList());
        assertEquals(List.of("o1", "o2", "o3", "o4", "o5", "o6"), ids(log.read(OTHER, 0, last, 100)));

        assertEquals(List.of("a3", "a4", "a5"), ids(log.read(ACCOUNT, seqs.get(1), seqs.get(4), 100)),
                "afterSeq exclusive, untilSeq inclusive");
        assertEquals(List.of("a3", "a4"), ids(log.read(ACCOUNT, seqs.get(1), last, 2)), "limit, lowest seqs first");
        assertEquals(List.of(), log.read(ACCOUNT, seqs.get(5), last, 100));
        assertEquals(List.of(), log.read(ACCOUNT, seqs.get(2), seqs.get(2), 100));
        assertEquals(List.of(), log.read(ACCOUNT, 0, last, 0));
        assertEquals(List.of("a2"), ids(log.read(ACCOUNT, seqs.get(0), seqs.get(1), 100)));
    }

    @Test
    void aLoggedEventCarriesWhatWasRecorded() {
        AuditEvent regional = event("r1", "2024-05-20T10:11:12.345Z", "acsRegion", "cn-beijing", "eventRW", "Read",
                "note", "审计 \"quoted\"");
        AuditEvent global = event("g1", "2024-05-20T10:11:13Z", "eventName", "ConsoleSignin");
        store.events().append(ACCOUNT, List.of(regional, global));

        List<LoggedEvent> read = log.read(ACCOUNT, 0, log.lastSeq(), 10);

        assertEquals(2, read.size());
        LoggedEvent r = read.get(0);
        assertEquals(regional.json(), r.json(), "the JSON text exactly as recorded");
        assertEquals(Instant.parse("2024-05-20T10:11:12.345Z"), r.eventTime());
        assertEquals("cn-beijing", r.acsRegion());
        assertEquals("Read", r.eventRW());
        LoggedEvent g = read.get(1);
        assertEquals(global.json(), g.json());
        assertNull(g.acsRegion(), "a global event has no region");
        assertNull(g.eventRW());
        assertTrue(g.seq() > r.seq());
    }

    @Test
    void seqsSurviveReopening() {
        store.events().append(ACCOUNT, List.of(event("a1", "2024-05-20T10:00:00Z")));
        List<LoggedEvent> before = log.read(ACCOUNT, 0, log.lastSeq(), 10);
        store.close();
        open();
        assertEquals(before, log.read(ACCOUNT, 0, log.lastSeq(), 10));
        store.events().append(ACCOUNT, List.of(event("a2", "2024-05-20T10:00:00Z")));
        assertTrue(log.lastSeq() > before.get(0).seq());
    }
}
