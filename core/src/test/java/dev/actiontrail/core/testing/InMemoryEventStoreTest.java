package dev.actiontrail.core.testing;

import dev.actiontrail.core.event.EventStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.actiontrail.core.testing.Events.apiCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryEventStoreTest extends EventStoreContract {
    @Override
    protected EventStore newStore() {
        return new InMemoryEventStore();
    }

    @Test
    void sizesAndContainsReflectAppendsAndPurges() {
        InMemoryEventStore memory = (InMemoryEventStore) store;
        memory.append(A, List.of(apiCall("E1", "2024-05-02T00:00:00Z"), apiCall("E2", "2024-05-03T00:00:00Z")));
        memory.append(B, List.of(apiCall("E1", "2024-05-02T00:00:00Z")));
        assertEquals(3, memory.size());
        assertEquals(2, memory.size(A));
        assertTrue(memory.contains(B, "E1"));
        assertFalse(memory.contains(B, "E2"));

        memory.purgeBefore(Instant.parse("2024-05-02T12:00:00Z"));
        assertEquals(1, memory.size());
        assertFalse(memory.contains(A, "E1"));
    }

    @Test
    void aPurgedEventIdMayBeStoredAgain() {
        store.append(A, List.of(apiCall("E1", "2024-05-02T00:00:00Z")));
        store.purgeBefore(Instant.parse("2024-06-01T00:00:00Z"));
        assertEquals(new EventStore.AppendResult(1, 0), store.append(A, List.of(apiCall("E1", "2024-06-02T00:00:00Z"))));
    }
}
