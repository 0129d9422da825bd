package dev.actiontrail.core.api;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdSourceTest {
    private static final Pattern REQUEST_ID = Pattern.compile("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");

    @Test
    void timeOrderedIdsCarryTheClocksMillisecondsVersion7AndTheRfcVariant() {
        Instant t = Instant.parse("2026-11-21T08:00:00.123Z");
        UUID id = IdSource.timeOrdered(Clock.fixed(t, ZoneOffset.UTC)).next();
        assertEquals(t.toEpochMilli(), id.getMostSignificantBits() >>> 16);
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
    }

    @Test
    void timeOrderedRequestIdsAreUppercaseUuidsThatSortByTimeAndNeverRepeat() {
        Instant t = Instant.parse("2026-11-21T08:00:00Z");
        String earlier = IdSource.timeOrdered(Clock.fixed(t, ZoneOffset.UTC)).requestId();
        IdSource later = IdSource.timeOrdered(Clock.fixed(t.plusMillis(1), ZoneOffset.UTC));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = later.requestId();
            assertTrue(REQUEST_ID.matcher(id).matches(), id);
            assertTrue(id.compareTo(earlier) > 0, id + " sorts after " + earlier);
            assertTrue(seen.add(id), "repeated " + id);
        }
    }
}
