package dev.actiontrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events are deleted by one explicit command only: a read never changes the history window, the retention command
 * says what it deletes, asks first, records itself, and keeps what a trail has still to deliver.
 */
class RetentionCliTest {
    @TempDir
    Path tmp;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = Cli.init(tmp.resolve("data"));
        cli.ok("account", "--history-days", "3650"); // widening: nothing to delete, no question
    }

    /** Imports {@code n} events of {@code daysAgo} days ago; returns their eventIds. */
    private List<String> importOld(String prefix, int n, int daysAgo) throws Exception {
        String time = Instant.now().minus(daysAgo, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        List<String> ids = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String id = prefix + "-" + i;
            ids.add(id);
            lines.append("{\"eventId\":\"").append(id).append("\",\"eventTime\":\"").append(time)
                    .append("\",\"eventName\":\"OldCall\",\"eventRW\":\"Write\",\"acsRegion\":\"cn-hangzhou\"}\n");
        }
        Path file = tmp.resolve(prefix + ".jsonl");
        Files.writeString(file, lines);
        assertEquals(n, cli.ok("import", file.toString()).get("Imported").asInt());
        return ids;
    }

    /** The OldCall events of around 400 days ago (a LookupEvents range spans at most 30 days). */
    private int countOld() {
        Instant around = Instant.now().minus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode found = cli.ok("LookupEvents", "--LookupAttribute.1.Key", "EventName",
                "--LookupAttribute.1.Value", "OldCall", "--StartTime", around.minus(1, ChronoUnit.DAYS).toString(),
                "--EndTime", around.plus(1, ChronoUnit.DAYS).toString(), "--MaxResults", "50");
        return found.get("Events").size();
    }

    @Test
    void aReadCannotChangeTheRetentionAndTheCommandAsksBeforeDeleting() throws Exception {
        importOld("old", 5, 400);
        assertEquals(5, countOld());
        Cli.Result read = cli.run("LookupEvents", "--MaxResults", "1", "--history-days", "2");
        assertNotEquals(0, read.exit(), "a query takes no retention option");
        assertTrue(read.err().contains("--history-days"), read.err());
        assertEquals(5, countOld(), "and deleted nothing");

        // no answer (standard input is empty): nothing changes
        Cli.Result unconfirmed = cli.run("account", "--history-days", "30");
        assertEquals(1, unconfirmed.exit());
        assertTrue(unconfirmed.err().contains("5 will be deleted"), unconfirmed.err());
        assertTrue(unconfirmed.err().contains("nothing changed"), unconfirmed.err());
        assertEquals(3650, cli.ok("account").get("HistoryDays").asInt());
        assertEquals(5, countOld());
    }

    @Test
    void theRetentionChangeIsRecordedAndDeletesWhatLeftTheWindow() throws Exception {
        importOld("old", 3, 400);
        importOld("recent", 2, 10);
        JsonNode done = cli.ok("account", "--history-days", "30", "--yes");
        assertEquals(3, done.get("EventsDeleted").asInt());
        assertEquals(0, done.get("EventsKeptForDelivery").asInt());
        assertEquals(30, cli.ok("account").get("HistoryDays").asInt());
        JsonNode recorded = cli.ok("LookupEvents", "--LookupAttribute.1.Key", "EventName",
                "--LookupAttribute.1.Value", RetentionChange.EVENT_NAME).at("/Events/0");
        assertEquals("30", recorded.at("/requestParameters/HistoryDays").asText());
        assertEquals("3650", recorded.at("/requestParameters/PreviousHistoryDays").asText());
        assertEquals("3", recorded.at("/responseElements/EventsToDelete").asText());
        assertEquals("root-account", recorded.at("/userIdentity/type").asText());
        // the recent ones are still there
        JsonNode recent = cli.ok("LookupEvents", "--LookupAttribute.1.Key", "EventName",
                "--LookupAttribute.1.Value", "OldCall", "--StartTime",
                Instant.now().minus(29, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString(),
                "--EndTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        assertEquals(2, recent.get("Events").size());
    }

    @Test
    void eventsATrailHasStillToDeliverAreKeptUntilDelivered() throws Exception {
        cli.succeed("oss", "mb", "audit-log");
        cli.ok("CreateTrail", "--Name", "trail-test", "--OssBucketName", "audit-log");
        cli.ok("StartLogging", "--Name", "trail-test");
        importOld("logged", 4, 400); // recorded while the trail logs: it has to deliver them
        JsonNode kept = cli.ok("account", "--history-days", "30", "--yes");
        assertEquals(0, kept.get("EventsDeleted").asInt());
        assertEquals(4, kept.get("EventsKeptForDelivery").asInt());
        cli.succeed("deliver", "--until-caught-up");
        JsonNode after = cli.ok("account", "--history-days", "30", "--yes");
        assertEquals(4, after.get("EventsDeleted").asInt(), "delivered: now they may go");
    }
}
