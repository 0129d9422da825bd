package dev.actiontrail.bench;

import dev.actiontrail.core.event.AuditEvent;
import dev.actiontrail.core.event.LookupKey;
import dev.actiontrail.http.json.EventJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator is deterministic and its events are valid, varied ActionTrail events (no timings here). */
class EventGeneratorTest {
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void sameSeedSameEventsAndTheyParseLikeImportedOnes() {
        EventGenerator a = new EventGenerator(7, "1234567890123456", START, START.plusSeconds(86_400), 1000);
        EventGenerator b = new EventGenerator(7, "1234567890123456", START, START.plusSeconds(86_400), 1000);
        Set<LookupKey> keys = EnumSet.noneOf(LookupKey.class);
        Set<String> services = new HashSet<>();
        for (AuditEvent e : a.events(0, 1000)) {
            AuditEvent parsed = EventJson.fromText(e.json());
            assertEquals(e.json(), parsed.json(), "stored text is the compact JSON EventJson produces");
            assertEquals(e.attributes(), parsed.attributes());
            e.attributes().forEach(attr -> keys.add(attr.key()));
            services.add(e.attributes().stream().filter(x -> x.key() == LookupKey.ServiceName).findFirst()
                    .orElseThrow().value());
        }
        assertEquals(List.of(a.event(500).json()), List.of(b.event(500).json()));
        assertEquals(EnumSet.allOf(LookupKey.class), keys, "every LookupKey occurs");
        assertTrue(services.size() >= 10, "many services: " + services);
    }

    @Test
    void percentilesAreNearestRank() {
        Stats s = new Stats();
        for (int i = 1; i <= 100; i++) {
            s.add(i * 1_000_000L);
        }
        assertEquals(50.0, s.percentileMillis(50));
        assertEquals(99.0, s.percentileMillis(99));
        assertEquals(100.0, s.maxMillis());
    }
}
