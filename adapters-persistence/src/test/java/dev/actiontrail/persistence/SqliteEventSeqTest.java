package dev.actiontrail.persistence;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.event.AuditEvent;
import dev.actiontrail.core.event.Direction;
import dev.actiontrail.core.event.EventQuery;
import dev.actiontrail.core.event.EventStore.AppendResult;
import dev.actiontrail.core.event.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.actiontrail.persistence.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code seq} comes from a persistent counter: strictly increasing forever, and concurrent appends commit together. */
class SqliteEventSeqTest {
    static final AccountId ACCOUNT = AccountId.of("1234567890123456");
    static final Instant BASE = Instant.parse("2024-05-01T00:00:00Z");

    @TempDir
    Path dir;

    static List<StoredEvent> all(SqliteStore store) {
        return store.events().find(new EventQuery(ACCOUNT, List.of(), BASE.minusSeconds(86_400),
                BASE.plusSeconds(86_400), Direction.FORWARD, null), 10_000);
    }

    static long maxSeq(SqliteStore store) {
        return all(store).stream().mapToLong(StoredEvent::seq).max().orElse(0);
    }

    @Test
    void seqIsNeverReusedAfterAPurgeDeletedTheNewestEvents() {
        Path file = dir.resolve("at.db");
        long before;
        try (SqliteStore store = SqliteStore.open(file)) {
            store.events().append(ACCOUNT, List.of(event("a", BASE.toString()), event("b", BASE.plusSeconds(1).toString())));
            store.events().append(ACCOUNT, List.of(event("c", BASE.plusSeconds(2).toString())));
            before = maxSeq(store);
            assertEquals(3, store.events().purgeBefore(BASE.plusSeconds(3600)), "every event purged");
            store.events().append(ACCOUNT, List.of(event("d", BASE.plusSeconds(3).toString())));
            long after = maxSeq(store);
            assertTrue(after > before, "seq " + after + " after the purge must exceed " + before);
            before = after;
            store.events().purgeBefore(BASE.plusSeconds(3600));
        }
        try (SqliteStore store = SqliteStore.open(file)) { // the counter survives a reopen too
            store.events().append(ACCOUNT, List.of(event("e", BASE.plusSeconds(4).toString())));
            assertTrue(maxSeq(store) > before, "seq after reopening must exceed " + before);
        }
    }

    @Test
    void concurrentAppendsGetDistinctIncreasingSeqsAndTheirOwnResults() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("at.db"))) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<AppendResult>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    results.add(pool.submit(() -> {
                        int stored = 0;
                        int duplicates = 0;
                        for (int i = 0; i < 25; i++) {
                            // every thread also appends the shared event "shared-i": exactly one of them stores it
                            List<AuditEvent> batch = List.of(
                                    event("t" + thread + "-" + i, BASE.plusMillis(i).toString()),
                                    event("shared-" + i, BASE.plusMillis(i).toString()));
                            AppendResult r = store.events().append(ACCOUNT, batch);
                            stored += r.stored();
                            duplicates += r.duplicates();
                        }
                        return new AppendResult(stored, duplicates);
                    }));
                }
                int stored = 0;
                int duplicates = 0;
                for (Future<AppendResult> f : results) {
                    stored += f.get().stored();
                    duplicates += f.get().duplicates();
                }
                assertEquals(8 * 25 + 25, stored);
                assertEquals(7 * 25, duplicates);
            } finally {
                pool.shutdownNow();
            }
            List<StoredEvent> found = all(store);
            assertEquals(8 * 25 + 25, found.size());
            Set<Long> seqs = new HashSet<>();
            found.forEach(e -> seqs.add(e.seq()));
            assertEquals(found.size(), seqs.size(), "seqs are distinct");
        }
    }
}
