package dev.actiontrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A malformed line of a JSON-lines file is one rejected record at its true line; a broken array fails whole. */
class ImportFileShapesCliTest {
    @TempDir
    Path tmp;

    private static String event(String id) {
        return "{\"eventId\":\"" + id + "\",\"eventTime\":\""
                + Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS) + "\",\"eventName\":\"X\"}";
    }

    @Test
    void aBadLineIsRejectedWithItsLineNumberAndTheOthersAreImported() throws Exception {
        Cli cli = Cli.init(tmp.resolve("data"));
        Path file = tmp.resolve("events.jsonl");
        // line 3 is blank, line 6 is cut off
        Files.writeString(file, event("a") + "\n" + event("b") + "\n\n" + event("c") + "\n" + event("d") + "\n"
                + "{\"eventId\":\"e\",\"eventTime\":\n" + event("f") + "\n");
        JsonNode report = cli.ok("import", file.toString());
        assertEquals(5, report.get("Imported").asInt(), report.toString());
        assertEquals(1, report.get("Rejected").asInt());
        JsonNode rejected = report.at("/RejectedRecords/0");
        assertEquals(6, rejected.get("Record").asInt(), report.toString());
        assertTrue(rejected.get("Reason").asText().startsWith("malformed JSON"), report.toString());
        assertEquals(0, report.get("FailedFiles").size());
    }

    @Test
    void aMalformedArrayFailsAsAWholeNamingTheByteOffset() throws Exception {
        Cli cli = Cli.init(tmp.resolve("data"));
        Path file = tmp.resolve("events.json");
        String good = "[" + event("a") + ",";
        Files.writeString(file, good + "{\"eventId\": ]");
        Cli.Result r = cli.run("import", file.toString());
        assertEquals(1, r.exit(), "a failed file fails the import");
        JsonNode report = r.json();
        assertEquals(0, report.get("Imported").asInt(), report.toString());
        String reason = report.at("/FailedFiles/0/Reason").asText();
        assertTrue(reason.contains("byte offset " + (good.length() + "{\"eventId\": ".length())), reason);
    }
}
