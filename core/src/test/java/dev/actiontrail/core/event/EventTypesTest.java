package dev.actiontrail.core.event;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.api.ApiVersion;
import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.testing.InMemoryEventStore;
import dev.actiontrail.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import static dev.actiontrail.core.testing.Events.apiCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LookupKey, Direction, HistoryWindow and EventRecorder. */
class EventTypesTest {
    private static final AccountId A = AccountId.of("1234567890123456");

    @Test
    void lookupKeyCodesAreUniqueAndStable() {
        assertEquals(LookupKey.values().length,
                new HashSet<>(Arrays.stream(LookupKey.values()).map(LookupKey::code).toList()).size());
        assertEquals(1, LookupKey.ServiceName.code());
        assertEquals(4, LookupKey.EventId.code());
        assertEquals(7, LookupKey.EventRW.code());
        assertEquals(12, LookupKey.RoleName.code());
        assertEquals(13, LookupKey.RequestId.code());
    }

    @ParameterizedTest
    @CsvSource({
            "ServiceName, ServiceName, ServiceName",
            "EventId, EventId, Event",
            "RequestId, , Request",
            "SensitiveAction, SensitiveAction, ",
            "RoleName, RoleName, ",
            "SourceIpAddress, SourceIpAddress, ",
            "User, User, User",
            "EventAccessKeyId, EventAccessKeyId, EventAccessKeyId",
    })
    void lookupKeysHaveTheirParameterNamePerVersion(LookupKey key, String name2020, String name2017) {
        assertEquals(Optional.ofNullable(name2020), key.parameterName(ApiVersion.V2020_07_06));
        assertEquals(Optional.ofNullable(name2017), key.parameterName(ApiVersion.V2017_12_04));
        if (name2020 != null) {
            assertEquals(key, LookupKey.parse(name2020, ApiVersion.V2020_07_06));
        }
        if (name2017 != null) {
            assertEquals(key, LookupKey.parse(name2017, ApiVersion.V2017_12_04));
        }
    }

    @Test
    void anUnknownLookupKeyIsInvalidLookupAttributes() {
        ApiException e = assertThrows(ApiException.class, () -> LookupKey.parse("eventName", ApiVersion.V2020_07_06));
        assertEquals("InvalidLookupAttributesException", e.code());
        assertEquals(400, e.httpStatus());
        assertThrows(ApiException.class, () -> LookupKey.parse(null, ApiVersion.V2017_12_04));
    }

    @Test
    void directionParsesCaseInsensitivelyAndDefaultsToBackward() {
        assertEquals(Direction.BACKWARD, Direction.parse(null));
        assertEquals(Direction.BACKWARD, Direction.parse(""));
        assertEquals(Direction.FORWARD, Direction.parse("Forward"));
        assertEquals(Direction.BACKWARD, Direction.parse("backward"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UP", "FORWARDS", " FORWARD", "ASC"})
    void anyOtherDirectionIsInvalidParameterValue(String value) {
        ApiException e = assertThrows(ApiException.class, () -> Direction.parse(value));
        assertEquals("InvalidParameterValue", e.code());
        assertEquals(400, e.httpStatus());
    }

    @Test
    void theHistoryWindowIsNinetyDaysByDefault() {
        assertEquals(90, HistoryWindow.DEFAULT.days());
        assertEquals(Instant.parse("2024-02-20T12:00:00Z"),
                HistoryWindow.DEFAULT.oldest(Instant.parse("2024-05-20T12:00:00Z")));
        assertEquals(Instant.parse("2014-05-23T12:00:00Z"),
                new HistoryWindow(3650).oldest(Instant.parse("2024-05-20T12:00:00Z")));
        assertThrows(IllegalArgumentException.class, () -> new HistoryWindow(0));
        assertThrows(IllegalArgumentException.class, () -> new HistoryWindow(-1));
    }

    @Test
    void theRecorderStoresBatchesAndSkipsDuplicates() {
        InMemoryEventStore store = new InMemoryEventStore();
        EventRecorder recorder = new EventRecorder(store, MutableClock.at("2024-05-20T12:00:00Z"),
                HistoryWindow.DEFAULT);
        assertEquals(new EventStore.AppendResult(0, 0), recorder.record(A, List.of()));
        assertEquals(new EventStore.AppendResult(2, 1), recorder.record(A, List.of(
                apiCall("E1", "2024-05-19T00:00:00Z"), apiCall("E2", "2024-05-19T00:00:00Z"),
                apiCall("E1", "2024-05-19T00:00:00Z"))));
        assertEquals(new EventStore.AppendResult(0, 1), recorder.record(A, List.of(apiCall("E2", "2024-05-19T00:00:00Z"))));
        assertEquals(2, store.size(A));
        assertEquals(HistoryWindow.DEFAULT, recorder.window());
    }

    @Test
    void theRecorderKeepsByTheHistoryWindowAndOnlyRetentionDeletes() {
        InMemoryEventStore store = new InMemoryEventStore();
        MutableClock clock = MutableClock.at("2024-05-20T12:00:00Z");
        HistoryWindow window = new HistoryWindow(30);
        EventRecorder recorder = new EventRecorder(store, clock, window);
        long[] keepFrom = {Long.MAX_VALUE};
        Retention retention = new Retention(store, clock, () -> keepFrom[0]);

        assertTrue(recorder.isWithinHistory(apiCall("E1", "2024-04-20T12:00:00Z")));
        assertFalse(recorder.isWithinHistory(apiCall("E1", "2024-04-20T11:59:59Z")));
        assertTrue(recorder.isWithinHistory(apiCall("E1", "2024-05-21T00:00:00Z")));

        // retention works at day granularity: the cutoff is 00:00 UTC of the day the window begins (2024-04-20)
        recorder.record(A, List.of(
                apiCall("older", "2024-04-19T23:59:59Z"),
                apiCall("day-start", "2024-04-20T00:00:00Z"),
                apiCall("outside-same-day", "2024-04-20T11:59:59Z"),
                apiCall("new", "2024-05-20T00:00:00Z")));
        Retention.Plan plan = retention.plan(window);
        assertEquals(Instant.parse("2024-04-20T00:00:00Z"), plan.cutoff());
        assertEquals(1, plan.removable());
        assertEquals(4, store.size(A), "a plan deletes nothing");
        assertEquals(1, retention.apply(plan));
        assertFalse(store.contains(A, "older"));
        assertTrue(store.contains(A, "day-start"));
        assertTrue(store.contains(A, "outside-same-day"), "kept until its day has left the window");
        assertEquals(0, retention.apply(retention.plan(window)));

        clock.set("2024-06-19T12:00:00Z"); // cutoff 2024-05-20T00:00:00Z: "new" is exactly at it and kept
        // delivery still needs the events from seq 3 ("outside-same-day"): they are kept whatever their age
        keepFrom[0] = 3;
        Retention.Plan partial = retention.plan(window);
        assertEquals(1, partial.removable());
        assertEquals(1, partial.keptUndelivered());
        assertEquals(1, retention.apply(partial));
        assertTrue(store.contains(A, "outside-same-day"));
        // a floor that fell after the plan (a history job started) wins over the plan's
        keepFrom[0] = 0;
        assertEquals(0, retention.apply(partial));
        keepFrom[0] = Long.MAX_VALUE;
        assertEquals(1, retention.apply(retention.plan(window)));
        assertEquals(1, store.size(A));
        assertTrue(store.contains(A, "new"));
    }
}
