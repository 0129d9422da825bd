package dev.actiontrail.persistence;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.event.Direction;
import dev.actiontrail.core.event.EventQuery;
import dev.actiontrail.core.event.EventStore.AppendResult;
import dev.actiontrail.core.event.StoredEvent;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static dev.actiontrail.persistence.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteStoreTest {
    static final AccountId ACCOUNT = AccountId.of("1234567890123456");
    static final EventQuery ALL = new EventQuery(ACCOUNT, List.of(), Instant.parse("2024-01-01T00:00:00Z"),
            Instant.parse("2025-01-01T00:00:00Z"), Direction.FORWARD, null);

    @TempDir
    Path dir;

    static Map<String, Object> pragmas(Handle h) {
        return Map.of(
                "journal_mode", h.createQuery("PRAGMA journal_mode").mapTo(String.class).one(),
                "synchronous", h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one(),
                "foreign_keys", h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one(),
                "busy_timeout", h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one());
    }

    @Test
    void everyConnectionIsWalWithFullSyncForeignKeysAndBusyTimeout() {
        Map<String, Object> expected = Map.of("journal_mode", "wal", "synchronous", 2, "foreign_keys", 1,
                "busy_timeout", SqliteStore.BUSY_TIMEOUT_MS);
        try (SqliteStore store = SqliteStore.open(dir.resolve("nested/folder/at.db"))) {
            assertEquals(expected, store.read(SqliteStoreTest::pragmas), "read connection");
            assertEquals(expected, store.write(SqliteStoreTest::pragmas), "write connection");
            assertTrue(Files.exists(dir.resolve("nested/folder/at.db")));
        }
    }

    @Test
    void reopeningKeepsDataAndDoesNotReapplyMigrations() {
        Path file = dir.resolve("at.db");
        Instant firstOpen = Instant.parse("2024-05-01T10:00:00Z");
        try (SqliteStore store = SqliteStore.open(file, Clock.fixed(firstOpen, ZoneOffset.UTC))) {
            assertEquals(Schema.LATEST, store.schemaVersion());
            store.events().append(ACCOUNT, List.of(event("e1", "2024-05-01T00:00:00Z")));
        }
        try (SqliteStore store = SqliteStore.open(file, Clock.fixed(firstOpen.plusSeconds(3600), ZoneOffset.UTC))) {
            assertEquals(Schema.LATEST, store.schemaVersion());
            List<Map<String, Object>> applied = store.read(h -> h.createQuery(
                    "SELECT version, applied_at FROM schema_version ORDER BY version").mapToMap().list());
            List<Map<String, Object>> expected = new java.util.ArrayList<>();
            for (int v = 1; v <= Schema.LATEST; v++) {
                expected.add(Map.of("version", v, "applied_at", firstOpen.toEpochMilli()));
            }
            assertEquals(expected, applied, "every migration applied once, at the first open");
            List<StoredEvent> found = store.events().find(ALL, 10);
            assertEquals(1, found.size());
            assertEquals(new AppendResult(0, 1),
                    store.events().append(ACCOUNT, List.of(event("e1", "2024-05-01T00:00:00Z"))));
        }
    }

    @Test
    void refusesAFileWithANewerSchema() {
        Path file = dir.resolve("at.db");
        try (SqliteStore store = SqliteStore.open(file)) {
            store.write(h -> h.execute("INSERT INTO schema_version VALUES (?, 'from the future', 0)",
                    Schema.LATEST + 1));
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SqliteStore.open(file));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void aClosedStoreRefusesWork() {
        SqliteStore store = SqliteStore.open(dir.resolve("at.db"));
        store.close();
        store.close();
        assertThrows(IllegalStateException.class, () -> store.events().find(ALL, 10));
        assertThrows(IllegalStateException.class,
                () -> store.events().append(ACCOUNT, List.of(event("e1", "2024-05-01T00:00:00Z"))));
    }

    @Test
    void concurrentAppendsAndReadsAreSerializedSafely() throws Exception {
        int threads = 6;
        int batches = 20;
        int perBatch = 10;
        try (SqliteStore store = SqliteStore.open(dir.resolve("at.db"))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> stored = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    stored.add(pool.submit(() -> {
                        int n = 0;
                        for (int b = 0; b < batches; b++) {
                            int batch = b;
                            n += store.events().append(ACCOUNT, IntStream.range(0, perBatch)
                                    .mapToObj(i -> event("t" + thread + "-" + batch + "-" + i,
                                            "2024-05-01T00:00:0" + (i % 10) + "Z"))
                                    .toList()).stored();
                            store.events().find(ALL, 5);
                        }
                        return n;
                    }));
                }
                for (Future<Integer> f : stored) {
                    assertEquals(batches * perBatch, f.get());
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(threads * batches * perBatch, store.events().find(ALL, 100_000).size());
        }
    }
}
