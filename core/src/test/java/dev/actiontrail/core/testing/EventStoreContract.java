package dev.actiontrail.core.testing;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.event.AuditEvent;
import dev.actiontrail.core.event.Direction;
import dev.actiontrail.core.event.EventQuery;
import dev.actiontrail.core.event.EventStore;
import dev.actiontrail.core.event.LookupKey;
import dev.actiontrail.core.event.StoredEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.actiontrail.core.testing.Events.apiCall;
import static dev.actiontrail.core.testing.Events.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link EventStore} must have (the port's and {@link EventQuery}'s docstrings). An adapter
 * proves its store by extending this class and implementing {@link #newStore()}; the in-memory store does too.
 */
public abstract class EventStoreContract {
    protected static final AccountId A = AccountId.of("1111111111111111");
    protected static final AccountId B = AccountId.of("2222222222222222");
    private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

    protected EventStore store;

    /** A new, empty store. */
    protected abstract EventStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static AuditEvent at(String id, String time, Object... overrides) {
        return apiCall(id, time, overrides);
    }

    private List<String> ids(EventQuery q, int limit) {
        return store.find(q, limit).stream().map(e -> Events.eventIdOf(e.json())).toList();
    }

    private static EventQuery query(AccountId account, Direction direction, AuditEvent.Attribute... filters) {
        return new EventQuery(account, List.of(filters), T0, T0.plusSeconds(86_400 * 30L), direction, null);
    }

    private static AuditEvent.Attribute attr(LookupKey key, String value) {
        return new AuditEvent.Attribute(key, value);
    }

    @Test
    void appendCountsStoredAndDuplicatesWithinTheBatchAndAgainstStoredEvents() {
        EventStore.AppendResult first = store.append(A, List.of(
                at("E1", "2024-05-02T00:00:00Z"), at("E2", "2024-05-02T00:00:01Z"), at("E1", "2024-05-02T00:00:00Z")));
        assertEquals(new EventStore.AppendResult(2, 1), first);

        EventStore.AppendResult second = store.append(A, List.of(at("E2", "2024-05-02T00:00:01Z"),
                at("E3", "2024-05-02T00:00:02Z")));
        assertEquals(new EventStore.AppendResult(1, 1), second);
        assertEquals(List.of("E1", "E2", "E3"), ids(query(A, Direction.FORWARD), 10));
    }

    @Test
    void aDuplicateKeepsTheFirstStoredText() {
        store.append(A, List.of(at("E1", "2024-05-02T00:00:00Z", "eventName", "First")));
        store.append(A, List.of(at("E1", "2024-05-02T00:00:00Z", "eventName", "Second")));

        List<StoredEvent> found = store.find(query(A, Direction.FORWARD), 10);
        assertEquals(1, found.size());
        assertTrue(found.get(0).json().contains("\"eventName\":\"First\""), found.get(0).json());
    }

    @Test
    void theSameEventIdIsStoredOncePerAccount() {
        assertEquals(new EventStore.AppendResult(1, 0), store.append(A, List.of(at("E1", "2024-05-02T00:00:00Z"))));
        assertEquals(new EventStore.AppendResult(1, 0), store.append(B, List.of(at("E1", "2024-05-02T00:00:00Z"))));
        assertEquals(List.of("E1"), ids(query(A, Direction.FORWARD), 10));
        assertEquals(List.of("E1"), ids(query(B, Direction.FORWARD), 10));
    }

    @Test
    void findReturnsTheJsonTextAndEventTimeAsRecorded() {
        AuditEvent e = at("E1", "2024-05-02T03:04:05Z", "extra", record("nested", List.of(1, "two", true)));
        store.append(A, List.of(e));

        List<StoredEvent> found = store.find(query(A, Direction.FORWARD), 10);
        assertEquals(1, found.size());
        assertEquals(e.json(), found.get(0).json());
        assertEquals(Instant.parse("2024-05-02T03:04:05Z"), found.get(0).eventTime());
    }

    @Test
    void onlyTheQueriedAccountsEventsAreFound() {
        store.append(A, List.of(at("A1", "2024-05-02T00:00:00Z")));
        store.append(B, List.of(at("B1", "2024-05-02T00:00:00Z")));
        assertEquals(List.of("A1"), ids(query(A, Direction.BACKWARD), 10));
        assertEquals(List.of("B1"), ids(query(B, Direction.BACKWARD), 10));
        assertEquals(List.of(), ids(query(AccountId.of("3333333333333333"), Direction.BACKWARD), 10));
    }

    @Test
    void theTimeWindowIsInclusiveAtBothEnds() {
        store.append(A, List.of(
                at("before", "2024-05-02T09:59:59Z"),
                at("start", "2024-05-02T10:00:00Z"),
                at("inside", "2024-05-02T10:30:00Z"),
                at("end", "2024-05-02T11:00:00Z"),
                at("after", "2024-05-02T11:00:01Z")));
        EventQuery q = new EventQuery(A, List.of(), Instant.parse("2024-05-02T10:00:00Z"),
                Instant.parse("2024-05-02T11:00:00Z"), Direction.FORWARD, null);
        assertEquals(List.of("start", "inside", "end"), ids(q, 10));
    }

    @Test
    void filtersAreAndedAndMatchExactly() {
        store.append(A, List.of(
                at("alice-read", "2024-05-02T00:00:01Z"),
                at("alice-write", "2024-05-02T00:00:02Z", "eventRW", "Write"),
                at("bob-write", "2024-05-02T00:00:03Z", "eventRW", "Write",
                        "userIdentity", record("type", "ram-user", "userName", "bob"))));

        assertEquals(List.of("alice-write", "bob-write"),
                ids(query(A, Direction.FORWARD, attr(LookupKey.EventRW, "Write")), 10));
        assertEquals(List.of("alice-write"), ids(query(A, Direction.FORWARD,
                attr(LookupKey.EventRW, "Write"), attr(LookupKey.User, "alice")), 10));
        assertEquals(List.of(), ids(query(A, Direction.FORWARD, attr(LookupKey.User, "Alice")), 10));
        assertEquals(List.of(), ids(query(A, Direction.FORWARD, attr(LookupKey.User, "ali")), 10));
    }

    @Test
    void aFilterMatchesAnyValueOfAMultiValuedAttribute() {
        store.append(A, List.of(
                at("two-instances", "2024-05-02T00:00:01Z", "resourceName", "i-1,i-2;sg-1"),
                at("one-instance", "2024-05-02T00:00:02Z", "resourceName", "i-2")));
        assertEquals(List.of("two-instances", "one-instance"),
                ids(query(A, Direction.FORWARD, attr(LookupKey.ResourceName, "i-2")), 10));
        assertEquals(List.of("two-instances"),
                ids(query(A, Direction.FORWARD, attr(LookupKey.ResourceName, "sg-1")), 10));
    }

    @Test
    void forwardIsOldestFirstAndBackwardNewestFirstWithInsertionOrderBreakingTies() {
        // appended out of time order; t1 twice (x before y in insertion order)
        store.append(A, List.of(at("t2", "2024-05-02T00:00:02Z"), at("t1-x", "2024-05-02T00:00:01Z")));
        store.append(A, List.of(at("t1-y", "2024-05-02T00:00:01Z"), at("t3", "2024-05-02T00:00:03Z")));

        assertEquals(List.of("t1-x", "t1-y", "t2", "t3"), ids(query(A, Direction.FORWARD), 10));
        assertEquals(List.of("t3", "t2", "t1-y", "t1-x"), ids(query(A, Direction.BACKWARD), 10));
    }

    @Test
    void eventsWithinTheSameMillisecondAreOrderedBySeq() {
        store.append(A, List.of(at("m-1", "2024-05-02T00:00:00.5001Z"), at("m-2", "2024-05-02T00:00:00.5000Z")));
        assertEquals(List.of("m-1", "m-2"), ids(query(A, Direction.FORWARD), 10));
        assertEquals(List.of("m-2", "m-1"), ids(query(A, Direction.BACKWARD), 10));
    }

    @Test
    void seqIncreasesWithInsertionOrder() {
        store.append(A, List.of(at("E1", "2024-05-02T00:00:00Z")));
        store.append(B, List.of(at("E2", "2024-05-02T00:00:00Z")));
        store.append(A, List.of(at("E3", "2024-05-02T00:00:00Z")));
        List<StoredEvent> found = store.find(query(A, Direction.FORWARD), 10);
        assertEquals(2, found.size());
        assertTrue(found.get(0).seq() < found.get(1).seq(), found.toString());
    }

    @Test
    void limitCapsTheResult() {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(at("E" + i, "2024-05-02T00:00:0" + i + "Z"));
        }
        store.append(A, events);
        assertEquals(List.of("E0", "E1", "E2"), ids(query(A, Direction.FORWARD), 3));
        assertEquals(List.of("E9", "E8"), ids(query(A, Direction.BACKWARD), 2));
    }

    @Test
    void afterResumesStrictlyAfterThePositionInTheQueryDirection() {
        store.append(A, List.of(
                at("a", "2024-05-02T00:00:01Z"), at("b", "2024-05-02T00:00:02Z"),
                at("c", "2024-05-02T00:00:02Z"), at("d", "2024-05-02T00:00:03Z")));
        List<StoredEvent> forward = store.find(query(A, Direction.FORWARD), 10);
        StoredEvent b = forward.get(1);
        EventQuery.Position atB = new EventQuery.Position(b.eventTime().toEpochMilli(), b.seq());

        EventQuery fwd = new EventQuery(A, List.of(), T0, T0.plusSeconds(86_400 * 30L), Direction.FORWARD, atB);
        assertEquals(List.of("c", "d"), ids(fwd, 10));
        EventQuery back = new EventQuery(A, List.of(), T0, T0.plusSeconds(86_400 * 30L), Direction.BACKWARD, atB);
        assertEquals(List.of("a"), ids(back, 10));
    }

    @Test
    void pagingWithAfterVisitsEveryEventExactlyOnce() {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            // three events per second, so ties are frequent
            events.add(at("E" + i, Instant.parse("2024-05-02T00:00:00Z").plusSeconds(i / 3).toString()));
        }
        store.append(A, events);
        for (Direction direction : Direction.values()) {
            List<String> seen = new ArrayList<>();
            EventQuery.Position after = null;
            while (true) {
                List<StoredEvent> page = store.find(new EventQuery(A, List.of(), T0, T0.plusSeconds(86_400L * 2),
                        direction, after), 4);
                page.forEach(e -> seen.add(Events.eventIdOf(e.json())));
                if (page.size() < 4) {
                    break;
                }
                StoredEvent last = page.get(page.size() - 1);
                after = new EventQuery.Position(last.eventTime().toEpochMilli(), last.seq());
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 17; i++) {
                expected.add("E" + i);
            }
            if (direction == Direction.BACKWARD) {
                java.util.Collections.reverse(expected);
            }
            assertEquals(expected, seen, direction.toString());
        }
    }

    @Test
    void purgeDeletesOnlyEventsStrictlyBeforeTheCutoff() {
        store.append(A, List.of(at("old", "2024-05-01T23:59:59Z"), at("cutoff", "2024-05-02T00:00:00Z")));
        store.append(B, List.of(at("old-b", "2024-04-01T00:00:00Z"), at("new-b", "2024-05-03T00:00:00Z")));

        assertEquals(2, store.purgeBefore(Instant.parse("2024-05-02T00:00:00Z")));
        assertEquals(List.of("cutoff"), ids(query(A, Direction.FORWARD), 10));
        EventQuery allOfB = new EventQuery(B, List.of(), Instant.parse("2024-03-01T00:00:00Z"),
                Instant.parse("2024-06-01T00:00:00Z"), Direction.FORWARD, null);
        assertEquals(List.of("new-b"), ids(allOfB, 10));
        assertEquals(0, store.purgeBefore(Instant.parse("2024-05-02T00:00:00Z")));
    }
}
