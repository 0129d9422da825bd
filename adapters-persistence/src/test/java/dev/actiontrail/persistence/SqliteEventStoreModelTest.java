package dev.actiontrail.persistence;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.event.AuditEvent;
import dev.actiontrail.core.event.AuditEvent.Attribute;
import dev.actiontrail.core.event.Direction;
import dev.actiontrail.core.event.EventQuery;
import dev.actiontrail.core.event.EventStore;
import dev.actiontrail.core.event.LookupKey;
import dev.actiontrail.core.event.StoredEvent;
import dev.actiontrail.core.testing.InMemoryEventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.actiontrail.persistence.TestEvents.event;
import static dev.actiontrail.persistence.TestEvents.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random events and queries against both the SQLite store and core's reference {@link InMemoryEventStore}: the
 * answers (event JSON in order, page by page) must be the same.
 */
class SqliteEventStoreModelTest {
    static final List<AccountId> ACCOUNTS = List.of(AccountId.of("1111111111111111"), AccountId.of("2222222222222222"));
    static final Instant BASE = Instant.parse("2024-05-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void behavesLikeTheReferenceStore() {
        Random random = new Random(20240501);
        EventStore model = new InMemoryEventStore();
        try (SqliteStore store = SqliteStore.open(dir.resolve("at.db"))) {
            EventStore sqlite = store.events();
            for (int batch = 0; batch < 30; batch++) {
                AccountId account = ACCOUNTS.get(random.nextInt(2));
                List<AuditEvent> events = new ArrayList<>();
                for (int i = random.nextInt(15); i > 0; i--) {
                    events.add(randomEvent(random));
                }
                assertEquals(model.append(account, events), sqlite.append(account, events), "batch " + batch);
            }
            compareQueries(random, model, sqlite);
            Instant cutoff = BASE.plusMillis(20);
            assertEquals(model.purgeBefore(cutoff), sqlite.purgeBefore(cutoff));
            compareQueries(random, model, sqlite);
        }
    }

    private static AuditEvent randomEvent(Random random) {
        List<String> names = List.of("r1", "r2", "r3", "r4");
        String resources = names.get(random.nextInt(4)) + (random.nextBoolean() ? "," : ";") + names.get(random.nextInt(4));
        return event("ev-" + random.nextInt(400), BASE.plusMillis(random.nextInt(40)).toString(),
                "eventName", "N" + random.nextInt(3),
                "eventRW", random.nextBoolean() ? "Read" : "Write",
                "userIdentity", map("userName", "u" + random.nextInt(3)),
                "resourceName", resources);
    }

    private static Attribute randomFilter(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> new Attribute(LookupKey.EventName, "N" + random.nextInt(3));
            case 1 -> new Attribute(LookupKey.EventRW, random.nextBoolean() ? "Read" : "Write");
            case 2 -> new Attribute(LookupKey.User, "u" + random.nextInt(3));
            default -> new Attribute(LookupKey.ResourceName, "r" + (1 + random.nextInt(4)));
        };
    }

    private static void compareQueries(Random random, EventStore model, EventStore sqlite) {
        for (int q = 0; q < 200; q++) {
            List<Attribute> filters = new ArrayList<>();
            for (int f = random.nextInt(3); f > 0; f--) {
                filters.add(randomFilter(random));
            }
            Instant start = BASE.plusMillis(random.nextInt(20));
            Instant end = start.plusMillis(random.nextInt(30));
            EventQuery query = new EventQuery(ACCOUNTS.get(random.nextInt(2)), filters, start, end,
                    random.nextBoolean() ? Direction.FORWARD : Direction.BACKWARD, null);
            int pageSize = 1 + random.nextInt(6);
            assertEquals(pages(model, query, pageSize), pages(sqlite, query, pageSize), query.toString());
        }
    }

    /** Every page's JSON texts, following each store's own positions. */
    private static List<List<String>> pages(EventStore store, EventQuery first, int pageSize) {
        List<List<String>> pages = new ArrayList<>();
        EventQuery query = first;
        while (true) {
            List<StoredEvent> page = store.find(query, pageSize);
            pages.add(page.stream().map(StoredEvent::json).toList());
            if (page.size() < pageSize) {
                return pages;
            }
            StoredEvent last = page.get(page.size() - 1);
            query = new EventQuery(first.account(), first.filters(), first.start(), first.end(), first.direction(),
                    new EventQuery.Position(last.eventTime().toEpochMilli(), last.seq()));
        }
    }
}
