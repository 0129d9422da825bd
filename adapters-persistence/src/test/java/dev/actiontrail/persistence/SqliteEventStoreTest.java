package dev.actiontrail.persistence;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.event.AuditEvent;
import dev.actiontrail.core.event.AuditEvent.Attribute;
import dev.actiontrail.core.event.Direction;
import dev.actiontrail.core.event.EventQuery;
import dev.actiontrail.core.event.EventQuery.Position;
import dev.actiontrail.core.event.EventStore.AppendResult;
import dev.actiontrail.core.event.LookupKey;
import dev.actiontrail.core.event.StoredEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.actiontrail.persistence.TestEvents.event;
import static dev.actiontrail.persistence.TestEvents.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteEventStoreTest {
    static final AccountId ACCOUNT = AccountId.of("1234567890123456");
    static final AccountId OTHER = AccountId.of("6543210987654321");
    static final Instant BASE = Instant.parse("2024-05-01T00:00:00Z");
    static final Instant FROM = BASE.minusSeconds(86_400);
    static final Instant TO = BASE.plusSeconds(86_400);

    @TempDir
    Path dir;
    SqliteStore store;
    SqliteEventStore events;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("actiontrail.db"));
        events = store.events();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** ISO-8601 text of BASE + {@code millis}. */
    static String at(long millis) {
        return BASE.plusMillis(millis).toString();
    }

    static Attribute attr(LookupKey key, String value) {
        return new Attribute(key, value);
    }

    static EventQuery query(AccountId account, Direction direction, Position after, Attribute... filters) {
        return new EventQuery(account, List.of(filters), FROM, TO, direction, after);
    }

    List<String> find(Direction direction, Attribute... filters) {
        return ids(events.find(query(ACCOUNT, direction, null, filters), 1000));
    }

    /** The eventIds of found events (TestEvents writes eventId first). */
    static List<String> ids(List<StoredEvent> found) {
        return found.stream().map(e -> {
            int from = e.json().indexOf("\"eventId\":\"") + "\"eventId\":\"".length();
            return e.json().substring(from, e.json().indexOf('"', from));
        }).toList();
    }

    @Test
    void appendCountsDuplicatesWithinAndAcrossBatchesAndKeepsTheFirst() {
        assertEquals(new AppendResult(0, 0), events.append(ACCOUNT, List.of()));
        AppendResult first = events.append(ACCOUNT, List.of(
                event("a", at(0), "eventName", "First"),
                event("b", at(1)),
                event("a", at(2), "eventName", "Repeat")));
        assertEquals(new AppendResult(2, 1), first);
        AppendResult second = events.append(ACCOUNT, List.of(event("b", at(5)), event("c", at(3))));
        assertEquals(new AppendResult(1, 1), second);

        List<StoredEvent> all = events.find(query(ACCOUNT, Direction.FORWARD, null), 100);
        assertEquals(List.of("a", "b", "c"), ids(all));
        assertEquals(BASE, all.get(0).eventTime());
        assertTrue(all.get(0).json().contains("First"));
        assertEquals(List.of(), find(Direction.FORWARD, attr(LookupKey.EventName, "Repeat")),
                "a duplicate's attributes are not indexed");
        assertEquals(List.of("a"), find(Direction.FORWARD, attr(LookupKey.EventName, "First")));
    }

    @Test
    void storesTheJsonTextAsGiven() {
        String json = "{ \"eventId\" : \"x\",\n  \"eventTime\":\"2024-05-01T00:00:00Z\", \"extra\": [1, 2.50] }";
        events.append(ACCOUNT, List.of(AuditEvent.of(json, map("eventId", "x", "eventTime", "2024-05-01T00:00:00Z"))));
        assertEquals(json, events.find(query(ACCOUNT, Direction.FORWARD, null), 10).get(0).json());
    }

    static final Map<LookupKey, String> RICH = Map.ofEntries(
            Map.entry(LookupKey.ServiceName, "Ecs"),
            Map.entry(LookupKey.EventName, "CreateInstance"),
            Map.entry(LookupKey.User, "ops-role:alice"),
            Map.entry(LookupKey.EventId, "rich"),
            Map.entry(LookupKey.ResourceType, "ACS::ECS::Instance"),
            Map.entry(LookupKey.ResourceName, "i-rich"),
            Map.entry(LookupKey.EventRW, "Write"),
            Map.entry(LookupKey.EventAccessKeyId, "STS.rich"),
            Map.entry(LookupKey.SensitiveAction, "true"),
            Map.entry(LookupKey.SourceIpAddress, "192.0.2.1"),
            Map.entry(LookupKey.EventType, "ApiCall"),
            Map.entry(LookupKey.RoleName, "ops-role"),
            Map.entry(LookupKey.RequestId, "req-rich"));

    @ParameterizedTest
    @EnumSource(LookupKey.class)
    void eachLookupKeyFiltersExactly(LookupKey key) {
        AuditEvent rich = event("rich", at(10), "eventName", "CreateInstance", "eventType", "ApiCall",
                "eventRW", "Write", "serviceName", "Ecs", "sourceIpAddress", "192.0.2.1", "requestId", "req-rich",
                "userIdentity", map("type", "assumed-role", "userName", "ops-role:alice", "accessKeyId", "STS.rich"),
                "eventAttributes", map("SensitiveAction", true),
                "resourceType", "ACS::ECS::Instance", "resourceName", "i-rich");
        AuditEvent plain = event("plain", at(20), "eventName", "DeleteInstance", "eventType", "ConsoleOperation",
                "eventRW", "Read", "serviceName", "Oss", "sourceIpAddress", "192.0.2.2", "requestId", "req-plain",
                "userIdentity", map("type", "ram-user", "userName", "bob", "accessKeyId", "LTAI.plain"),
                "eventAttributes", map("SensitiveAction", false),
                "resourceType", "ACS::OSS::Bucket", "resourceName", "b-plain");
        String value = RICH.get(key);
        assertTrue(rich.attributes().contains(attr(key, value)), "test data carries " + key);
        events.append(ACCOUNT, List.of(rich, plain));

        assertEquals(List.of("rich"), find(Direction.FORWARD, attr(key, value)));
        assertEquals(List.of("rich"), find(Direction.BACKWARD, attr(key, value)));
        assertEquals(List.of(), find(Direction.FORWARD, attr(key, value + "x")), "exact match only");
        String otherCase = value.equals(value.toUpperCase()) ? value.toLowerCase() : value.toUpperCase();
        if (!otherCase.equals(value)) {
            assertEquals(List.of(), find(Direction.FORWARD, attr(key, otherCase)), "case-sensitive");
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"quote\"d", "back\\slash", "line\nbreak\ttab\u0001",
            "\u4e2d\u6587 caf\u00e9 \ud83d\ude00", "[\"not\",\"json\"]", "  spaced  ", "'single'"})
    void attributeValuesAreStoredExactlyWhateverTheirCharacters(String value) {
        events.append(ACCOUNT, List.of(event("odd", at(10), "eventName", value, "serviceName", value + "!"),
                event("plain", at(20), "eventName", "Plain")));

        assertEquals(List.of("odd"), find(Direction.FORWARD, attr(LookupKey.EventName, value)));
        assertEquals(List.of("odd"), find(Direction.BACKWARD, attr(LookupKey.ServiceName, value + "!")));
        assertEquals(List.of(), find(Direction.FORWARD, attr(LookupKey.EventName, value.strip() + "x")));
    }

    @Test
    void aBatchWhoseAttributesExceedOneStatementIsStoredWhole() {
        List<AuditEvent> batch = new ArrayList<>();
        int perEvent = 100;
        int count = SqliteEventStore.ATTRIBUTE_CHUNK_CHARS / (perEvent * 40) * 2 + 3; // about two statements' worth
        for (int i = 0; i < count; i++) {
            List<String> names = new ArrayList<>();
            for (int n = 0; n < perEvent; n++) {
                names.add("acs:ecs:cn-hangzhou:1:instance/i-" + i + "-" + n);
            }
            batch.add(event("big-" + i, at(i), "eventName", "Big", "resourceName", String.join(",", names)));
        }
        assertEquals(new AppendResult(count, 0), events.append(ACCOUNT, batch));

        for (int i : new int[] {0, count / 2, count - 1}) {
            assertEquals(List.of("big-" + i), find(Direction.FORWARD,
                    attr(LookupKey.ResourceName, "acs:ecs:cn-hangzhou:1:instance/i-" + i + "-" + (perEvent - 1))));
        }
        long rows = store.read(h -> h.createQuery("SELECT count(*) FROM event_attribute WHERE attr_key = ?")
                .bind(0, LookupKey.ResourceName.code()).mapTo(Long.class).one());
        assertEquals((long) count * perEvent, rows);
    }

    @Test
    void twoFiltersAreAnded() {
        events.append(ACCOUNT, List.of(
                event("e1", at(1), "eventName", "X", "userIdentity", map("userName", "u1")),
                event("e2", at(2), "eventName", "X", "userIdentity", map("userName", "u2")),
                event("e3", at(3), "eventName", "Y", "userIdentity", map("userName", "u1")),
                event("e4", at(4), "eventName", "X", "userIdentity", map("userName", "u1"))));
        Attribute x = attr(LookupKey.EventName, "X");
        Attribute u1 = attr(LookupKey.User, "u1");
        assertEquals(List.of("e1", "e4"), find(Direction.FORWARD, x, u1));
        assertEquals(List.of("e1", "e4"), find(Direction.FORWARD, u1, x));
        assertEquals(List.of("e4", "e1"), find(Direction.BACKWARD, x, u1));
        assertEquals(List.of(), find(Direction.FORWARD, x, u1, attr(LookupKey.EventRW, "Write")));
    }

    @Test
    void multiValuedResourceNamesAndTypesMatchEachElement() {
        events.append(ACCOUNT, List.of(
                event("multi", at(1), "resourceType", "ACS::ECS::Instance;ACS::ECS::Disk", "resourceName", "a,b;c",
                        "referencedResources", map("ACS::OSS::Bucket", List.of("bkt-1", "bkt-2"),
                                "ACS::RAM::User", "u1,u2")),
                event("other", at(2), "resourceType", "ACS::ECS::Instance", "resourceName", "ab")));
        for (String name : List.of("a", "b", "c", "bkt-1", "bkt-2", "u1", "u2")) {
            assertEquals(List.of("multi"), find(Direction.FORWARD, attr(LookupKey.ResourceName, name)), name);
        }
        for (String name : List.of("a,b;c", "a,b", "b;c", "bkt")) {
            assertEquals(List.of(), find(Direction.FORWARD, attr(LookupKey.ResourceName, name)), name);
        }
        assertEquals(List.of("other"), find(Direction.FORWARD, attr(LookupKey.ResourceName, "ab")));
        for (String type : List.of("ACS::ECS::Disk", "ACS::OSS::Bucket", "ACS::RAM::User")) {
            assertEquals(List.of("multi"), find(Direction.FORWARD, attr(LookupKey.ResourceType, type)), type);
        }
        assertEquals(List.of("multi", "other"),
                find(Direction.FORWARD, attr(LookupKey.ResourceType, "ACS::ECS::Instance")));
        assertEquals(List.of("multi"), find(Direction.FORWARD, attr(LookupKey.ResourceName, "a"),
                attr(LookupKey.ResourceName, "bkt-2")));
    }

    @Test
    void ordersByTimeThenInsertionBothWays() {
        events.append(ACCOUNT, List.of(event("e1", at(30), "serviceName", "Ecs"), event("e2", at(10), "serviceName", "Ecs"),
                event("e3", at(20), "serviceName", "Ecs")));
        events.append(ACCOUNT, List.of(event("e4", at(10), "serviceName", "Ecs"), event("e5", at(40), "serviceName", "Ecs")));
        List<String> forward = List.of("e2", "e4", "e3", "e1", "e5");
        List<String> backward = List.of("e5", "e1", "e3", "e4", "e2");
        assertEquals(forward, find(Direction.FORWARD));
        assertEquals(backward, find(Direction.BACKWARD));
        assertEquals(forward, find(Direction.FORWARD, attr(LookupKey.ServiceName, "Ecs")));
        assertEquals(backward, find(Direction.BACKWARD, attr(LookupKey.ServiceName, "Ecs")));
        assertEquals(List.of("e2", "e4"), ids(events.find(query(ACCOUNT, Direction.FORWARD, null), 2)), "limit");
        assertEquals(List.of(), events.find(query(ACCOUNT, Direction.FORWARD, null), 0));
        assertThrows(IllegalArgumentException.class, () -> events.find(query(ACCOUNT, Direction.FORWARD, null), -1));
    }

    static Stream<Arguments> pagingCases() {
        return Stream.of(Direction.values()).flatMap(d -> Stream.of(Arguments.of(d, false), Arguments.of(d, true)));
    }

    @ParameterizedTest
    @MethodSource("pagingCases")
    void keysetPagingAcrossIdenticalTimesHasNoDuplicatesOrGaps(Direction direction, boolean filtered) {
        int n = 23;
        long[] offsets = IntStream.range(0, n).mapToLong(i -> (i * 7L) % 5).toArray(); // 5 times, ~5 events each
        List<AuditEvent> all = IntStream.range(0, n)
                .mapToObj(i -> event(String.format("p%02d", i), at(offsets[i]), "serviceName", "Ecs")).toList();
        events.append(ACCOUNT, all.subList(0, 11));
        events.append(ACCOUNT, all.subList(11, n));
        events.append(OTHER, all);
        Comparator<Integer> order = Comparator.<Integer>comparingLong(i -> offsets[i]).thenComparingInt(i -> i);
        List<String> expected = IntStream.range(0, n).boxed()
                .sorted(direction == Direction.FORWARD ? order : order.reversed())
                .map(i -> String.format("p%02d", i)).toList();
        Attribute[] filters = filtered ? new Attribute[] {attr(LookupKey.ServiceName, "Ecs")} : new Attribute[0];

        List<String> paged = new ArrayList<>();
        Position after = null;
        int pages = 0;
        while (true) {
            List<StoredEvent> page = events.find(query(ACCOUNT, direction, after, filters), 4);
            paged.addAll(ids(page));
            pages++;
            if (page.size() < 4) {
                break;
            }
            StoredEvent last = page.get(page.size() - 1);
            after = new Position(last.eventTime().toEpochMilli(), last.seq());
        }
        assertEquals(expected, paged);
        assertEquals(n, new HashSet<>(paged).size());
        assertEquals(6, pages);
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void timeWindowIsInclusiveAtBothEnds(Direction direction) {
        events.append(ACCOUNT, List.of(event("before", at(-1), "serviceName", "Ecs"),
                event("first", at(0), "serviceName", "Ecs"), event("mid", at(500), "serviceName", "Ecs"),
                event("last", at(1000), "serviceName", "Ecs"), event("after", at(1001), "serviceName", "Ecs")));
        List<String> expected = direction == Direction.FORWARD
                ? List.of("first", "mid", "last") : List.of("last", "mid", "first");
        for (Attribute[] filters : List.of(new Attribute[0], new Attribute[] {attr(LookupKey.ServiceName, "Ecs")})) {
            EventQuery q = new EventQuery(ACCOUNT, List.of(filters), BASE, BASE.plusMillis(1000), direction, null);
            assertEquals(expected, ids(events.find(q, 100)), Arrays.toString(filters));
        }
    }

    @Test
    void accountsAreIsolated() {
        assertEquals(new AppendResult(1, 0),
                events.append(ACCOUNT, List.of(event("shared", at(1), "eventName", "Mine"))));
        assertEquals(new AppendResult(1, 0),
                events.append(OTHER, List.of(event("shared", at(1), "eventName", "Theirs"))));
        List<StoredEvent> mine = events.find(query(ACCOUNT, Direction.FORWARD, null), 10);
        assertEquals(1, mine.size());
        assertTrue(mine.get(0).json().contains("Mine"));
        List<StoredEvent> theirs = events.find(query(OTHER, Direction.FORWARD, null,
                attr(LookupKey.EventId, "shared")), 10);
        assertEquals(1, theirs.size());
        assertTrue(theirs.get(0).json().contains("Theirs"));
        assertEquals(List.of(), find(Direction.FORWARD, attr(LookupKey.EventName, "Theirs")));
    }

    @Test
    void purgeDeletesOlderEventsAndTheirAttributes() {
        events.append(ACCOUNT, List.of(event("t0", at(0), "eventName", "X"), event("t1", at(1000), "eventName", "X"),
                event("t2", at(2000), "eventName", "X"), event("t3", at(3000), "eventName", "X")));
        events.append(OTHER, List.of(event("o0", at(0), "eventName", "X"), event("o3", at(3000), "eventName", "X")));

        assertEquals(3, events.purgeBefore(BASE.plusMillis(2000)));
        assertEquals(List.of("t2", "t3"), find(Direction.FORWARD));
        assertEquals(List.of("t2", "t3"), find(Direction.FORWARD, attr(LookupKey.EventName, "X")));
        assertEquals(List.of("o3"), ids(events.find(query(OTHER, Direction.FORWARD, null), 10)));
        long staleAttributes = store.read(h -> h.createQuery(
                "SELECT count(*) FROM event_attribute WHERE event_time < ?").bind(0, BASE.plusMillis(2000).toEpochMilli())
                .mapTo(Long.class).one());
        assertEquals(0, staleAttributes);
        assertEquals(0, events.purgeBefore(BASE.plusMillis(2000)));
        assertEquals(new AppendResult(1, 0), events.append(ACCOUNT, List.of(event("t0", at(0)))),
                "a purged eventId may be stored again");
    }

    static Stream<Arguments> plannedQueries() {
        Attribute name = attr(LookupKey.EventName, "X");
        Attribute user = attr(LookupKey.User, "u");
        Attribute resource = attr(LookupKey.ResourceName, "r");
        Position at = new Position(BASE.toEpochMilli(), 7);
        List<Arguments> cases = new ArrayList<>();
        for (Direction d : Direction.values()) {
            for (Position after : Arrays.asList(null, at)) {
                cases.add(Arguments.of(query(ACCOUNT, d, after)));
                cases.add(Arguments.of(query(ACCOUNT, d, after, name)));
                cases.add(Arguments.of(query(ACCOUNT, d, after, name, user)));
                cases.add(Arguments.of(query(ACCOUNT, d, after, resource, user, name)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("plannedQueries")
    void findUsesIndexesWithoutSorting(EventQuery q) {
        events.append(ACCOUNT, List.of(event("e1", at(0), "eventName", "X", "userIdentity", map("userName", "u"))));
        SqliteEventStore.Sql sql = SqliteEventStore.findSql(q, 10);
        List<String> plan = store.read(h -> sql.bindTo(h.createQuery("EXPLAIN QUERY PLAN " + sql.text()))
                .map((rs, ctx) -> rs.getString("detail")).list());
        String shown = sql.text() + "\n" + String.join("\n", plan);
        for (String step : plan) {
            assertFalse(step.startsWith("SCAN"), shown);
            assertFalse(step.contains("TEMP B-TREE"), shown);
        }
        if (q.filters().isEmpty()) {
            assertTrue(plan.get(0).startsWith("SEARCH e USING INDEX event_by_time (account_id=? AND event_time"), shown);
        } else {
            assertTrue(plan.get(0).startsWith("SEARCH a0 USING PRIMARY KEY (account_id=? AND attr_key=? AND "
                    + "attr_value=? AND "), shown);
            assertTrue(plan.contains("SEARCH e USING INTEGER PRIMARY KEY (rowid=?)"), shown);
            for (int i = 1; i < q.filters().size(); i++) {
                assertTrue(plan.contains("SEARCH a" + i + " USING PRIMARY KEY (account_id=? AND attr_key=? AND "
                        + "attr_value=? AND event_time=? AND seq=?)"), shown);
            }
        }
    }
}
