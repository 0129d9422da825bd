package dev.actiontrail.core.event;

import dev.actiontrail.core.account.Account;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.api.ApiVersion;
import dev.actiontrail.core.api.CallContext;
import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.testing.Events;
import dev.actiontrail.core.testing.InMemoryEventStore;
import dev.actiontrail.core.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static dev.actiontrail.core.testing.Events.apiCall;
import static dev.actiontrail.core.testing.Events.eventIdsOf;
import static dev.actiontrail.core.testing.Events.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LookupEvents (§4; 2017-12-04: §4.3, seed 003) over the in-memory store. */
class LookupEventsServiceTest {
    private static final AccountId A = AccountId.of("1234567890123456");
    private static final AccountId B = AccountId.of("9999999999999999");
    private static final Instant NOW = Instant.parse("2024-05-20T12:00:00Z");

    private MutableClock clock;
    private InMemoryEventStore store;
    private LookupEventsService service;

    /** The account's events inside the default 7-day window, newest first. */
    private static final List<String> ALL_RECENT =
            List.of("e-ecs-read", "e-oss-write", "e-role-read", "e-disk-delete", "e-signin");

    @BeforeEach
    void setUp() {
        clock = new MutableClock(NOW.plusMillis(250)); // the effective window is kept to the second
        store = new InMemoryEventStore();
        service = new LookupEventsService(store, clock, HistoryWindow.DEFAULT);
        store.append(A, List.of(
                apiCall("e-ecs-read", "2024-05-19T10:00:00Z",
                        "requestId", "req-ecs",
                        "resourceType", "ACS::ECS::Instance",
                        "resourceName", "i-bp1,i-bp2",
                        "userIdentity", record("type", "ram-user", "userName", "alice",
                                "accessKeyId", "LTAI4alice")),
                apiCall("e-oss-write", "2024-05-18T08:00:00Z",
                        "requestId", "req-oss",
                        "serviceName", "Oss", "eventName", "PutBucket", "eventRW", "Write",
                        "sourceIpAddress", "Internal",
                        "referencedResources", record("ACS::OSS::Bucket", List.of("test-123")),
                        "userIdentity", record("type", "root-account", "userName", "root")),
                apiCall("e-role-read", "2024-05-17T09:00:00Z",
                        "serviceName", "Actiontrail", "eventName", "LookupEvents",
                        "sourceIpAddress", "192.168.0.7",
                        "userIdentity", record("type", "assumed-role", "userName", "custom-role-for-actiontrail:u1",
                                "accessKeyId", "STS.NUQNP4")),
                apiCall("e-disk-delete", "2024-05-16T21:52:00Z",
                        "eventName", "DeleteDisk", "eventRW", "Write", "sourceIpAddress", "ecs.aliyuncs.com",
                        "eventAttributes", record("SensitiveAction", "true"),
                        "referencedResources", record("ACS::ECS::Instance", List.of("i-8vb0"),
                                "ACS::ECS::Disk", List.of("d-8vbf")),
                        "userIdentity", record("type", "system", "userName", "ecs.aliyuncs.com")),
                apiCall("e-signin", "2024-05-15T06:14:50Z",
                        "serviceName", "AasCustomer", "eventName", "ConsoleSignin", "eventType", "ConsoleSignin",
                        "eventRW", "Write"),
                apiCall("e-old", "2024-05-01T00:00:00Z")));
        store.append(B, List.of(
                apiCall("b-ecs-read", "2024-05-19T11:00:00Z"),
                apiCall("e-ecs-read", "2024-05-19T10:00:00Z", "eventName", "OtherAccount")));
    }

    private static CallContext ctx(AccountId account, ApiVersion version) {
        return new CallContext(Account.of(account, null), "cn-hangzhou", version);
    }

    private static CallContext ctx() {
        return ctx(A, ApiVersion.V2020_07_06);
    }

    private static CallContext ctx2017() {
        return ctx(A, ApiVersion.V2017_12_04);
    }

    /** Attributes from (key, value, key, value, …). */
    private static List<Map.Entry<String, String>> attrs(String... keyValues) {
        List<Map.Entry<String, String>> list = new ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            list.add(new java.util.AbstractMap.SimpleImmutableEntry<>(keyValues[i], keyValues[i + 1]));
        }
        return list;
    }

    private List<String> lookup(CallContext ctx, String... keyValues) {
        return eventIdsOf(service.lookup(ctx, LookupRequest.of(attrs(keyValues))).events());
    }

    private static LookupRequest times(String start, String end) {
        return new LookupRequest(List.of(), start, end, null, null, null);
    }

    private static ApiException fails(String code, Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(400, e.httpStatus(), code);
        return e;
    }

    @Nested
    class Filters {
        @ParameterizedTest(name = "{0}={1}")
        @CsvSource(delimiter = '|', value = {
                "ServiceName      | Ecs                            | e-ecs-read e-disk-delete",
                "ServiceName      | Oss                            | e-oss-write",
                "EventName        | PutBucket                      | e-oss-write",
                "User             | alice                          | e-ecs-read e-signin",
                "User             | custom-role-for-actiontrail:u1 | e-role-read",
                "EventId          | e-role-read                    | e-role-read",
                "ResourceType     | ACS::ECS::Instance             | e-ecs-read e-disk-delete",
                "ResourceType     | ACS::OSS::Bucket               | e-oss-write",
                "ResourceName     | i-bp2                          | e-ecs-read",
                "ResourceName     | test-123                       | e-oss-write",
                "ResourceName     | d-8vbf                         | e-disk-delete",
                "EventRW          | Write                          | e-oss-write e-disk-delete e-signin",
                "EventRW          | Read                           | e-ecs-read e-role-read",
                "EventAccessKeyId | STS.NUQNP4                     | e-role-read",
                "EventAccessKeyId | LTAI4alice                     | e-ecs-read",
                "SensitiveAction  | true                           | e-disk-delete",
                "SourceIpAddress  | 192.168.0.7                    | e-role-read",
                "SourceIpAddress  | Internal                       | e-oss-write",
                "EventType        | ConsoleSignin                  | e-signin",
                "EventType        | ApiCall                        | e-ecs-read e-oss-write e-role-read e-disk-delete",
                "RoleName         | custom-role-for-actiontrail    | e-role-read",
        })
        void eachLookupKeyFiltersOnItsField(String key, String value, String expected) {
            assertEquals(List.of(expected.split(" ")), lookup(ctx(), key, value));
        }

        @Test
        void everyKeyOf2020IsCoveredAbove() {
            List<String> keys = new ArrayList<>();
            for (LookupKey k : LookupKey.values()) {
                k.parameterName(ApiVersion.V2020_07_06).ifPresent(keys::add);
            }
            assertEquals(List.of("ServiceName", "EventName", "User", "EventId", "ResourceType", "ResourceName",
                    "EventRW", "EventAccessKeyId", "SensitiveAction", "SourceIpAddress", "EventType", "RoleName"), keys);
        }

        @Test
        void withoutAttributesEveryEventOfTheWindowIsReturnedAsRecorded() {
            EventPage page = service.lookup(ctx(), LookupRequest.of(null));
            assertEquals(ALL_RECENT, eventIdsOf(page.events()));
            AuditEvent signin = apiCall("e-signin", "2024-05-15T06:14:50Z",
                    "serviceName", "AasCustomer", "eventName", "ConsoleSignin", "eventType", "ConsoleSignin",
                    "eventRW", "Write");
            assertEquals(signin.json(), page.events().get(4));
        }

        @Test
        void matchingIsExactAndCaseSensitive() {
            assertEquals(List.of(), lookup(ctx(), "ServiceName", "ecs"));
            assertEquals(List.of(), lookup(ctx(), "User", "ali"));
            assertEquals(List.of(), lookup(ctx(), "ResourceName", "i-bp1,i-bp2"));
        }

        @Test
        void twoAttributesAreAnded() {
            assertEquals(List.of("e-signin"), lookup(ctx(), "EventRW", "Write", "User", "alice"));
            assertEquals(List.of("e-ecs-read"), lookup(ctx(), "ServiceName", "Ecs", "EventRW", "Read"));
            assertEquals(List.of(), lookup(ctx(), "ServiceName", "Oss", "User", "alice"));
        }

        @Test
        void theSameKeyTwiceKeepsTheSecond() {
            assertEquals(List.of("e-oss-write"), lookup(ctx(), "User", "alice", "User", "root"));
            assertEquals(List.of("e-ecs-read", "e-signin"), lookup(ctx(), "User", "root", "User", "alice"));
        }

        @Test
        void moreThanTwoAttributesKeepTheFirstTwo() {
            assertEquals(List.of("e-signin"),
                    lookup(ctx(), "EventRW", "Write", "User", "alice", "EventName", "PutBucket"));
            assertEquals(List.of("e-disk-delete"), lookup(ctx(), "ServiceName", "Ecs", "EventRW", "Write",
                    "User", "alice", "EventType", "ConsoleSignin"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Foo", "servicename", "SERVICENAME", "RequestId", "Request", "Event", " User"})
        void anUnknownKeyIsInvalidLookupAttributes(String key) {
            ApiException e = fails("InvalidLookupAttributesException", () -> lookup(ctx(), key, "x"));
            assertEquals("LookupAttribute Key is not valid. Only support specific values or combinations.",
                    e.getMessage());
        }

        @Test
        void anUnknownKeyAsSecondAttributeIsAlsoRejected() {
            fails("InvalidLookupAttributesException", () -> lookup(ctx(), "User", "alice", "Nope", "x"));
        }

        @Test
        void aKeyWithoutValueOrAValueWithoutKeyIsLookupEventsParameterError() {
            ApiException e = fails("LookupEventsParameterError", () -> lookup(ctx(), "User", ""));
            assertEquals("LookupEvents params error.", e.getMessage());
            fails("LookupEventsParameterError", () -> lookup(ctx(), "User", null));
            fails("LookupEventsParameterError", () -> lookup(ctx(), "", "alice"));
            fails("LookupEventsParameterError", () -> lookup(ctx(), null, "alice"));
            fails("LookupEventsParameterError", () -> lookup(ctx(), "EventRW", "Write", "User", ""));
            fails("LookupEventsParameterError", () -> lookup(ctx2017(), "User", ""));
        }
    }

    @Nested
    class Accounts {
        @Test
        void onlyTheCallersEventsAreVisible() {
            assertEquals(ALL_RECENT, lookup(ctx()));
            assertEquals(List.of("b-ecs-read", "e-ecs-read"), lookup(ctx(B, ApiVersion.V2020_07_06)));
        }

        @Test
        void theSameEventIdInTwoAccountsIsTwoEvents() {
            EventPage a = service.lookup(ctx(), LookupRequest.of(attrs("EventId", "e-ecs-read")));
            EventPage b = service.lookup(ctx(B, ApiVersion.V2020_07_06),
                    LookupRequest.of(attrs("EventId", "e-ecs-read")));
            assertEquals(1, a.events().size());
            assertEquals(1, b.events().size());
            assertTrue(a.events().get(0).contains("\"eventName\":\"DescribeInstances\""), a.events().get(0));
            assertTrue(b.events().get(0).contains("\"eventName\":\"OtherAccount\""), b.events().get(0));
        }
    }

    @Nested
    class Times {
        @Test
        void theDefaultWindowIsTheLastSevenDays() {
            EventPage page = service.lookup(ctx(), LookupRequest.of(List.of()));
            assertEquals(Instant.parse("2024-05-13T12:00:00Z"), page.startTime());
            assertEquals(Instant.parse("2024-05-20T12:00:00Z"), page.endTime());
            assertEquals(ALL_RECENT, eventIdsOf(page.events()));
        }

        @Test
        void anExplicitWindowIsEchoedAndInclusiveAtBothEnds() {
            EventPage page = service.lookup(ctx(), times("2024-05-16T21:52:00Z", "2024-05-18T08:00:00Z"));
            assertEquals(Instant.parse("2024-05-16T21:52:00Z"), page.startTime());
            assertEquals(Instant.parse("2024-05-18T08:00:00Z"), page.endTime());
            assertEquals(List.of("e-oss-write", "e-role-read", "e-disk-delete"), eventIdsOf(page.events()));
        }

        @Test
        void anOlderWindowFindsOlderEvents() {
            EventPage page = service.lookup(ctx(), times("2024-04-30T00:00:00Z", "2024-05-02T00:00:00Z"));
            assertEquals(List.of("e-old"), eventIdsOf(page.events()));
        }

        @ParameterizedTest(name = "[{0}, {1}] -> {2}")
        @CsvSource({
                "2024-05-19T00:00:00Z, ,                     InvalidParameterCombination",
                ",                     2024-05-19T00:00:00Z, InvalidParameterCombination",
                "2024-05-19T00:00:00Z, '',                   InvalidParameterCombination",
                "2024/05/19 00:00:00,  2024-05-20T00:00:00Z, InvalidParameterStartTime",
                "2024-05-19,           2024-05-20T00:00:00Z, InvalidParameterStartTime",
                "2024-05-19T00:00:00,  2024-05-20T00:00:00Z, InvalidParameterStartTime",
                "2024-05-19T00:00:00Z, tomorrow,             InvalidParameterEndTime",
                "2024-05-20T12:00:01Z, 2024-05-20T13:00:00Z, InvalidParameterStartTimeExceedsCurrent",
                "2024-02-20T11:59:59Z, 2024-02-21T00:00:00Z, InvalidParameterStartTimeOutOfDate",
                "2024-05-19T00:00:00Z, 2024-05-19T00:00:00Z, InvalidParameterCombination",
                "2024-05-19T00:00:00Z, 2024-05-18T00:00:00Z, InvalidParameterCombination",
                "2024-04-19T00:00:00Z, 2024-05-19T00:00:01Z, InvalidParameterDateOutOfRange",
        })
        void timeRules2020(String start, String end, String code) {
            fails(code, () -> service.lookup(ctx(), times(start, end)));
        }

        @ParameterizedTest(name = "[{0}, {1}] -> {2}")
        @CsvSource({
                "2024-05-19T00:00:00Z, 2024-05-19T00:00:00Z, InvalidTimeRangeException",
                "2024-05-19T00:00:00Z, 2024-05-18T00:00:00Z, InvalidTimeRangeException",
                "2024-04-19T00:00:00Z, 2024-05-19T00:00:01Z, InvalidTimeRangeException",
                "2024-05-19T00:00:00Z, ,                     InvalidParameterCombination",
                "bad,                  2024-05-20T00:00:00Z, InvalidParameterStartTime",
                "2024-05-19T00:00:00Z, bad,                  InvalidParameterEndTime",
                "2024-05-20T12:00:01Z, 2024-05-20T13:00:00Z, InvalidParameterStartTimeExceedsCurrent",
                "2024-02-20T11:59:59Z, 2024-02-21T00:00:00Z, InvalidParameterStartTimeOutOfDate",
        })
        void timeRules2017(String start, String end, String code) {
            fails(code, () -> service.lookup(ctx2017(), times(start, end)));
        }

        @Test
        void theMessagesAreTheDocumentedOnes() {
            assertEquals("The end time must be later than the start time.", fails("InvalidParameterCombination",
                    () -> service.lookup(ctx(), times("2024-05-19T00:00:00Z", "2024-05-18T00:00:00Z"))).getMessage());
            assertEquals("Query time range exceeds 30 days.", fails("InvalidParameterDateOutOfRange",
                    () -> service.lookup(ctx(), times("2024-04-01T00:00:00Z", "2024-05-19T00:00:00Z"))).getMessage());
            assertEquals("The StartTime exceeds the limit of 90 days.", fails("InvalidParameterStartTimeOutOfDate",
                    () -> service.lookup(ctx(), times("2023-05-19T00:00:00Z", "2023-05-20T00:00:00Z"))).getMessage());
            assertEquals("The end time must be later than the start time. The time span cannot exceed 30 days.",
                    fails("InvalidTimeRangeException", () -> service.lookup(ctx2017(),
                            times("2024-04-01T00:00:00Z", "2024-05-19T00:00:00Z"))).getMessage());
        }

        @Test
        void theLimitsThemselvesAreAccepted() {
            EventPage oldest = service.lookup(ctx(), times("2024-02-20T12:00:00Z", "2024-02-21T00:00:00Z"));
            assertEquals(Instant.parse("2024-02-20T12:00:00Z"), oldest.startTime());
            EventPage now = service.lookup(ctx(), times("2024-05-20T12:00:00Z", "2024-05-20T13:00:00Z"));
            assertEquals(List.of(), now.events());
            EventPage thirtyDays = service.lookup(ctx(), times("2024-04-20T00:00:00Z", "2024-05-20T00:00:00Z"));
            assertEquals(6, thirtyDays.events().size());
        }

        @Test
        void theHistoryWindowIsConfigurable() {
            store.append(A, List.of(apiCall("e-last-year", "2023-06-01T00:00:00Z")));
            LookupRequest lastYear = times("2023-05-20T00:00:00Z", "2023-06-10T00:00:00Z");
            fails("InvalidParameterStartTimeOutOfDate", () -> service.lookup(ctx(), lastYear));

            LookupEventsService tenYears = new LookupEventsService(store, clock, new HistoryWindow(3650));
            assertEquals(List.of("e-last-year"), eventIdsOf(tenYears.lookup(ctx(), lastYear).events()));

            LookupEventsService oneDay = new LookupEventsService(store, clock, new HistoryWindow(1));
            fails("InvalidParameterStartTimeOutOfDate",
                    () -> oneDay.lookup(ctx(), times("2024-05-19T11:59:59Z", "2024-05-20T00:00:00Z")));
        }
    }

    @Nested
    class Paging {
        private final AccountId c = AccountId.of("5555555555555555");

        /** {@code n} events of account C, two per second from 2024-05-20T00:00:00Z (so ties are frequent). */
        private List<String> appendEvents(int n) {
            List<AuditEvent> events = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = String.format("c-%02d", i);
                events.add(apiCall(id, Instant.parse("2024-05-20T00:00:00Z").plusSeconds(i / 2).toString()));
                ids.add(id);
            }
            store.append(c, events);
            return ids;
        }

        private CallContext cctx() {
            return ctx(c, ApiVersion.V2020_07_06);
        }

        private LookupRequest page(String direction, String maxResults, String token) {
            return new LookupRequest(List.of(), null, null, direction, maxResults, token);
        }

        @Test
        void maxResultsDefaultsToTwenty() {
            appendEvents(25);
            EventPage page = service.lookup(cctx(), page(null, null, null));
            assertEquals(20, page.events().size());
            assertNotNull(page.nextToken());
            assertEquals(20, service.lookup(cctx(), page(null, "", null)).events().size());
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "7", " 7 ", "50"})
        void maxResultsFromOneToFifty(String maxResults) {
            appendEvents(60);
            assertEquals(Integer.parseInt(maxResults.trim()),
                    service.lookup(cctx(), page(null, maxResults, null)).events().size());
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "51", "-1", "100", "ten", "2.5"})
        void maxResultsOutsideOneToFiftyIsInvalidParameterValue(String maxResults) {
            ApiException e = fails("InvalidParameterValue",
                    () -> service.lookup(cctx(), page(null, maxResults, null)));
            assertEquals("The specified parameter is invalid. MaxResults is an integer from 1 to 50.", e.getMessage());
        }

        @Test
        void version2017TakesZeroAsTheDefault() {
            appendEvents(25);
            CallContext legacy = ctx(c, ApiVersion.V2017_12_04);
            assertEquals(20, service.lookup(legacy, page(null, "0", null)).events().size());
            fails("InvalidParameterValue", () -> service.lookup(legacy, page(null, "51", null)));
        }

        @Test
        void directionDefaultsToBackwardNewestFirst() {
            List<String> ids = appendEvents(6);
            Collections.reverse(ids);
            assertEquals(ids, eventIdsOf(service.lookup(cctx(), page(null, null, null)).events()));
            assertEquals(ids, eventIdsOf(service.lookup(cctx(), page("BACKWARD", null, null)).events()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"FORWARD", "Forward", "forward"})
        void forwardIsOldestFirstInAnyCase(String direction) {
            List<String> ids = appendEvents(6);
            assertEquals(ids, eventIdsOf(service.lookup(cctx(), page(direction, null, null)).events()));
        }

        @Test
        void anUnknownDirectionIsInvalidParameterValue() {
            fails("InvalidParameterValue", () -> service.lookup(cctx(), page("UP", null, null)));
        }

        @ParameterizedTest
        @EnumSource(Direction.class)
        void pagingCollectsEveryEventExactlyOnceInOrder(Direction direction) {
            List<String> expected = appendEvents(23);
            if (direction == Direction.BACKWARD) {
                Collections.reverse(expected);
            }
            List<String> seen = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            EventPage first = null;
            String token = null;
            do {
                EventPage p = service.lookup(cctx(), page(direction.name(), "5", token));
                if (first == null) {
                    first = p;
                }
                assertEquals(first.startTime(), p.startTime());
                assertEquals(first.endTime(), p.endTime());
                seen.addAll(eventIdsOf(p.events()));
                sizes.add(p.events().size());
                token = p.nextToken();
            } while (token != null);
            assertEquals(expected, seen);
            assertEquals(List.of(5, 5, 5, 5, 3), sizes);
            assertEquals(23, new HashSet<>(seen).size());
        }

        @Test
        void theNextTokenIsOmittedOnTheLastPageEvenWhenItIsFull() {
            appendEvents(10);
            EventPage one = service.lookup(cctx(), page(null, "5", null));
            assertNotNull(one.nextToken());
            EventPage two = service.lookup(cctx(), page(null, "5", one.nextToken()));
            assertEquals(5, two.events().size());
            assertNull(two.nextToken());

            EventPage all = service.lookup(cctx(), page(null, "10", null));
            assertEquals(10, all.events().size());
            assertNull(all.nextToken());
        }

        @Test
        void laterPagesKeepTheWindowOfTheFirstPage() {
            appendEvents(4);
            EventPage one = service.lookup(cctx(), page(null, "2", null));
            clock.advance(Duration.ofHours(1));
            store.append(c, List.of(apiCall("c-new", "2024-05-20T12:30:00Z")));

            EventPage two = service.lookup(cctx(), page(null, "2", one.nextToken()));
            assertEquals(List.of("c-01", "c-00"), eventIdsOf(two.events()));
            assertEquals(one.startTime(), two.startTime());
            assertEquals(Instant.parse("2024-05-20T12:00:00Z"), two.endTime());
            assertNull(two.nextToken());
        }

        @Test
        void thePageSizeMayChangeBetweenPages() {
            appendEvents(6);
            EventPage one = service.lookup(cctx(), page(null, "2", null));
            EventPage rest = service.lookup(cctx(), page(null, "10", one.nextToken()));
            assertEquals(List.of("c-03", "c-02", "c-01", "c-00"), eventIdsOf(rest.events()));
        }

        @Test
        void aTamperedTokenIsInvalidNextToken() {
            appendEvents(6);
            String token = service.lookup(cctx(), page(null, "2", null)).nextToken();
            char[] chars = token.toCharArray();
            chars[10] = chars[10] == 'A' ? 'B' : 'A';
            String tampered = new String(chars);

            ApiException e = fails("InvalidNextToken", () -> service.lookup(cctx(), page(null, "2", tampered)));
            assertEquals("NextToken is not valid.", e.getMessage());
            fails("InvalidNextToken", () -> service.lookup(cctx(), page(null, "2", token.substring(0, 20))));
            fails("InvalidNextToken", () -> service.lookup(cctx(), page(null, "2", "garbage")));
            fails("InvalidNextToken", () -> service.lookup(cctx(), page(null, "2", "%%%not base64%%%")));
            fails("InvalidNextToken", () -> service.lookup(cctx(), page(null, "2", "20")));
        }

        @Test
        void aTokenReplayedWithOtherParametersIsInvalidNextToken() {
            appendEvents(6);
            String token = service.lookup(cctx(), page(null, "2", null)).nextToken();

            fails("InvalidNextToken", () -> service.lookup(cctx(),
                    new LookupRequest(attrs("EventRW", "Read"), null, null, null, "2", token)));
            fails("InvalidNextToken", () -> service.lookup(cctx(), page("FORWARD", "2", token)));
            fails("InvalidNextToken", () -> service.lookup(cctx(), new LookupRequest(List.of(),
                    "2024-05-19T00:00:00Z", "2024-05-20T12:00:00Z", null, "2", token)));
            fails("InvalidNextToken", () -> service.lookup(ctx(), page(null, "2", token)));
        }

        @Test
        void aTokenWithFiltersPagesThroughTheFilteredEvents() {
            List<AuditEvent> events = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                events.add(apiCall("w-" + i, "2024-05-20T01:00:0" + i + "Z", "eventRW", i % 2 == 0 ? "Write" : "Read"));
            }
            store.append(c, events);
            LookupRequest first = new LookupRequest(attrs("EventRW", "Write"), null, null, "FORWARD", "3", null);
            EventPage one = service.lookup(cctx(), first);
            EventPage two = service.lookup(cctx(),
                    new LookupRequest(attrs("EventRW", "Write"), null, null, "FORWARD", "3", one.nextToken()));
            assertEquals(List.of("w-0", "w-2", "w-4"), eventIdsOf(one.events()));
            assertEquals(List.of("w-6"), eventIdsOf(two.events()));
            assertNull(two.nextToken());
        }
    }

    @Nested
    class Version2017 {
        @Test
        void flatParametersMapToTheirFields() {
            assertEquals(List.of("e-role-read"), lookup(ctx2017(), "Event", "e-role-read"));
            assertEquals(List.of("e-oss-write"), lookup(ctx2017(), "Request", "req-oss"));
            assertEquals(List.of("e-ecs-read", "e-signin"), lookup(ctx2017(), "User", "alice"));
            assertEquals(List.of("e-signin"), lookup(ctx2017(), "EventName", "ConsoleSignin"));
            assertEquals(List.of("e-signin"), lookup(ctx2017(), "EventType", "ConsoleSignin"));
            assertEquals(List.of("e-ecs-read"), lookup(ctx2017(), "EventAccessKeyId", "LTAI4alice"));
            assertEquals(List.of("e-oss-write"), lookup(ctx2017(), "ResourceName", "test-123"));
            assertEquals(List.of("e-oss-write"), lookup(ctx2017(), "ResourceType", "ACS::OSS::Bucket"));
            assertEquals(List.of("e-oss-write"), lookup(ctx2017(), "ServiceName", "Oss"));
        }

        @Test
        void eventRwAllFiltersNothingAndReadOrWriteFilter() {
            assertEquals(ALL_RECENT, lookup(ctx2017(), "EventRW", "All"));
            assertEquals(List.of("e-ecs-read", "e-signin"), lookup(ctx2017(), "User", "alice", "EventRW", "All"));
            assertEquals(List.of("e-oss-write", "e-disk-delete", "e-signin"), lookup(ctx2017(), "EventRW", "Write"));
            assertEquals(List.of("e-ecs-read", "e-role-read"), lookup(ctx2017(), "EventRW", "Read"));
        }

        @Test
        void anInvalidEventRwIsInvalidParameterValue() {
            fails("InvalidParameterValue", () -> lookup(ctx2017(), "EventRW", "write"));
            fails("InvalidParameterValue", () -> lookup(ctx2017(), "EventRW", "Both"));
        }

        @Test
        void everyFlatParameterIsAndedWithoutTheLimitOfTwo() {
            assertEquals(List.of("e-disk-delete"), lookup(ctx2017(),
                    "ServiceName", "Ecs", "EventRW", "Write", "User", "ecs.aliyuncs.com"));
            assertEquals(List.of(), lookup(ctx2017(), "ServiceName", "Ecs", "EventRW", "Write", "User", "alice"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"EventId", "RequestId", "SensitiveAction", "RoleName", "SourceIpAddress"})
        void namesOf2020AloneAreNotFlatParametersOf2017(String name) {
            fails("InvalidLookupAttributesException", () -> lookup(ctx2017(), name, "x"));
        }

        @Test
        void theDefaultWindowIsTheLastSevenDaysToo() {
            EventPage page = service.lookup(ctx2017(), LookupRequest.of(List.of()));
            assertEquals(Instant.parse("2024-05-13T12:00:00Z"), page.startTime());
            assertEquals(Instant.parse("2024-05-20T12:00:00Z"), page.endTime());
            assertEquals(ALL_RECENT, eventIdsOf(page.events()));
        }
    }
}
