package dev.actiontrail.core.event;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.testing.Events;
import dev.actiontrail.core.testing.InMemoryEventStore;
import dev.actiontrail.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link EventRecorder#recordGrouped}: every event durable on return, concurrent events share commits. */
class EventRecorderGroupCommitTest {
    private static final AccountId ACCOUNT = AccountId.of("1234567890123456");
    private static final AccountId OTHER = AccountId.of("6543210987654321");
    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");

    /** A store whose commits take a while (like an fsync) and which counts them. */
    private static final class SlowStore implements EventStore {
        final InMemoryEventStore inner = new InMemoryEventStore();
        final AtomicInteger commits = new AtomicInteger();
        volatile boolean failing;

        @Override
        public List<StoredEvent> find(EventQuery query, int limit) {
            return inner.find(query, limit);
        }

        @Override
        public long purgeBefore(Instant cutoff) {
            return inner.purgeBefore(cutoff);
        }

        @Override
        public AppendResult append(AccountId account, List<AuditEvent> events) {
            commits.incrementAndGet();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failing) {
                throw new IllegalStateException("disk full");
            }
            return inner.append(account, events);
        }
    }

    private static List<StoredEvent> all(EventStore store, AccountId account) {
        return store.find(new EventQuery(account, List.of(), Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"),
                Direction.FORWARD, null), 100_000);
    }

    @Test
    void concurrentCallsAreAllDurableOnReturnAndShareCommits() throws Exception {
        SlowStore store = new SlowStore();
        EventRecorder recorder = new EventRecorder(store, clock, HistoryWindow.DEFAULT);
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    String id = "t" + thread + "-" + i;
                    AccountId account = i % 2 == 0 ? ACCOUNT : OTHER;
                    recorder.recordGrouped(account, Events.apiCall(id, "2026-03-01T09:00:00Z"));
                    // durable on return: the event is already in the store
                    assertTrue(all(store, account).stream().anyMatch(e -> e.json().contains("\"" + id + "\"")), id);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertEquals(threads * perThread / 2, all(store, ACCOUNT).size());
        assertEquals(threads * perThread / 2, all(store, OTHER).size());
        assertTrue(store.commits.get() < threads * perThread,
                "commits shared: " + store.commits.get() + " for " + threads * perThread + " events");
    }

    @Test
    void aFailedCommitFailsTheCallsItCarried() {
        SlowStore store = new SlowStore();
        store.failing = true;
        EventRecorder recorder = new EventRecorder(store, clock, HistoryWindow.DEFAULT);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> recorder.recordGrouped(ACCOUNT, Events.apiCall("e1", "2026-03-01T09:00:00Z")));
        assertEquals("disk full", e.getMessage());
        store.failing = false;
        recorder.recordGrouped(ACCOUNT, Events.apiCall("e2", "2026-03-01T09:00:00Z"));
        assertEquals(1, all(store, ACCOUNT).size());
    }
}
