package dev.actiontrail.core.testing;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.destination.DestinationAccess;
import dev.actiontrail.core.error.ApiError;
import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.event.AuditEvent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test doubles themselves: clock, IDs, resource directory and the event builder. */
class TestingSupportTest {
    private static final AccountId A = AccountId.of("1111111111111111");
    private static final AccountId B = AccountId.of("2222222222222222");

    @Test
    void mutableClockIsSetAndAdvancedAndSharedWithItsZonedCopies() {
        MutableClock clock = MutableClock.at("2024-05-20T12:00:00Z");
        Clock tokyo = clock.withZone(ZoneId.of("Asia/Tokyo"));
        assertEquals(Instant.parse("2024-05-20T12:00:00Z"), clock.instant());
        assertEquals(ZoneOffset.UTC, clock.getZone());

        assertEquals(Instant.parse("2024-05-20T13:30:00Z"), clock.advance(Duration.ofMinutes(90)));
        assertEquals(Instant.parse("2024-05-20T13:30:00Z"), tokyo.instant());
        assertEquals(ZoneId.of("Asia/Tokyo"), tokyo.getZone());
        assertEquals(Instant.parse("2024-05-20T13:30:00Z").toEpochMilli(), clock.millis());

        clock.set("2020-01-01T00:00:00.250Z");
        assertEquals(Instant.parse("2020-01-01T00:00:00.250Z"), tokyo.instant());
    }

    @Test
    void sequentialIdsArePredictable() {
        SequentialIds ids = new SequentialIds();
        assertEquals(UUID.fromString("00000000-0000-0000-0000-000000000001"), ids.next());
        assertEquals("00000000-0000-0000-0000-000000000002", ids.requestId());
        assertEquals(SequentialIds.uuid(3), ids.next());
        assertEquals(3, ids.last());
        assertEquals("00000000-0000-0000-0000-00000000000A", SequentialIds.requestId(10));

        SequentialIds from100 = new SequentialIds(0x100);
        assertEquals(UUID.fromString("00000000-0000-0000-0000-000000000100"), from100.next());
    }

    @Test
    void bucketsAreMissingWritableDeniedOrOtherAccounts() {
        InMemoryResourceDirectory dir = new InMemoryResourceDirectory()
                .addBucket(A, "audit-log")
                .addBucket(A, "locked-log", "cn-beijing")
                .denyBucket("locked-log");
        assertEquals(DestinationAccess.WRITABLE, dir.bucketAccess(A, "audit-log"));
        assertEquals(DestinationAccess.DENIED, dir.bucketAccess(A, "locked-log"));
        assertEquals(DestinationAccess.DENIED, dir.bucketAccess(B, "audit-log"));
        assertEquals(DestinationAccess.MISSING, dir.bucketAccess(A, "no-such-bucket"));
        assertEquals(Optional.of("cn-hangzhou"), dir.bucketRegion(A, "audit-log"));
        assertEquals(Optional.of("cn-beijing"), dir.bucketRegion(A, "locked-log"));
        assertEquals(Optional.empty(), dir.bucketRegion(A, "no-such-bucket"));

        dir.allowBucket("locked-log");
        assertEquals(DestinationAccess.WRITABLE, dir.bucketAccess(A, "locked-log"));
        dir.removeBucket("audit-log");
        assertEquals(DestinationAccess.MISSING, dir.bucketAccess(A, "audit-log"));
        assertThrows(IllegalStateException.class, () -> dir.denyBucket("never-added"));
    }

    @Test
    void slsProjectsAndLogstores() {
        InMemoryResourceDirectory dir = new InMemoryResourceDirectory()
                .addSlsProject(A, "audit-project")
                .addSlsProject(A, "locked-project")
                .denySlsProject(A, "locked-project");
        assertEquals(DestinationAccess.WRITABLE, dir.slsProjectAccess(A, "audit-project"));
        assertEquals(DestinationAccess.DENIED, dir.slsProjectAccess(A, "locked-project"));
        assertEquals(DestinationAccess.MISSING, dir.slsProjectAccess(B, "audit-project"));
        assertEquals(DestinationAccess.MISSING, dir.logstoreAccess(A, "audit-project", "actiontrail_t1"));

        dir.ensureLogstore(A, "audit-project", "actiontrail_t1");
        dir.ensureLogstore(A, "audit-project", "actiontrail_t1");
        assertEquals(Set.of("actiontrail_t1"), dir.logstores(A, "audit-project"));
        assertEquals(DestinationAccess.WRITABLE, dir.logstoreAccess(A, "audit-project", "actiontrail_t1"));
        dir.denyLogstore(A, "audit-project", "actiontrail_t1");
        assertEquals(DestinationAccess.DENIED, dir.logstoreAccess(A, "audit-project", "actiontrail_t1"));
        dir.removeLogstore(A, "audit-project", "actiontrail_t1");
        assertEquals(DestinationAccess.MISSING, dir.logstoreAccess(A, "audit-project", "actiontrail_t1"));

        ApiException missing = assertThrows(ApiException.class, () -> dir.ensureLogstore(A, "no-project", "x"));
        assertEquals(ApiError.CREATE_LOG_STORE_ERROR, missing.error());
        ApiException denied = assertThrows(ApiException.class, () -> dir.ensureLogstore(A, "locked-project", "x"));
        assertEquals(ApiError.CREATE_LOG_STORE_ERROR, denied.error());
        dir.failLogstoreCreation(A, "audit-project");
        ApiException failing = assertThrows(ApiException.class, () -> dir.ensureLogstore(A, "audit-project", "y"));
        assertEquals(ApiError.CREATE_LOG_STORE_ERROR, failing.error());
        assertEquals(Set.of(), dir.logstores(A, "audit-project"));
    }

    @Test
    void maxComputeProjectsAreCreatedOnceOrFail() {
        InMemoryResourceDirectory dir = new InMemoryResourceDirectory();
        dir.ensureMaxComputeProject(A, "actiontrail_1111111111111111");
        dir.ensureMaxComputeProject(A, "actiontrail_1111111111111111");
        assertEquals(Set.of("actiontrail_1111111111111111"), dir.maxComputeProjects(A));
        assertEquals(Set.of(), dir.maxComputeProjects(B));
        dir.failMaxComputeCreation(true);
        ApiException e = assertThrows(ApiException.class, () -> dir.ensureMaxComputeProject(B, "actiontrail_x"));
        assertEquals(ApiError.INTERNAL_ERROR, e.error());
    }

    @Test
    void toJsonWritesCompactJsonInMapOrderWithEscapes() {
        Map<String, Object> value = Events.record(
                "s", "a\"b\\c\nd\te\u0001",
                "n", 1,
                "big", 5558349267652842L,
                "f", 1.5,
                "b", false,
                "nil", null,
                "list", List.of(1, "x", Events.record()),
                "array", new Object[] {"y", null},
                "nested", Events.record("k", List.of()));
        assertEquals("{\"s\":\"a\\\"b\\\\c\\nd\\te\\u0001\",\"n\":1,\"big\":5558349267652842,\"f\":1.5,"
                        + "\"b\":false,\"nil\":null,\"list\":[1,\"x\",{}],\"array\":[\"y\",null],\"nested\":{\"k\":[]}}",
                Events.toJson(value));
        assertThrows(IllegalArgumentException.class, () -> Events.toJson(Events.record("x", new Object() { })));
        assertThrows(IllegalArgumentException.class, () -> Events.record("odd"));
    }

    @Test
    void apiCallBuildsATypicalEventAndAppliesOverrides() {
        AuditEvent e = Events.apiCall("E1", "2024-05-19T10:00:00Z", "eventRW", "Write", "sourceIpAddress", null);
        assertEquals("E1", e.eventId());
        assertEquals(Instant.parse("2024-05-19T10:00:00Z"), e.eventTime());
        assertEquals("Write", e.eventRW());
        assertEquals("cn-hangzhou", e.acsRegion());
        assertTrue(e.json().startsWith("{\"eventId\":\"E1\",\"eventVersion\":1,"), e.json());
        assertFalse(e.json().contains("sourceIpAddress"), e.json());
        assertEquals("E1", Events.eventIdOf(e.json()));
        assertEquals(List.of("a\"b", "c"), Events.eventIdsOf(Arrays.asList(
                Events.toJson(Events.record("eventId", "a\"b")), "{\"x\":1,\"eventId\":\"c\"}")));
        assertThrows(IllegalArgumentException.class, () -> Events.apiCall("E1", "2024-05-19T10:00:00Z", "odd"));
    }
}
