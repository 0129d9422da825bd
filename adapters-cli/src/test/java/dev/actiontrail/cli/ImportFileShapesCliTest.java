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

    @Test
    void aMissingFileIsNamed() {
        Cli cli = Cli.init(tmp.resolve("data"));
        Path missing = tmp.resolve("no-such.jsonl");
        Cli.Result r = cli.run("import", missing.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no such file: " + missing), r.err());
    }

    @Test
    void anInterruptedImportSaysWhatWasCommitted() throws Exception {
        Path data = tmp.resolve("data");
        Cli.init(data);
        Path small = tmp.resolve("a-small.jsonl");
        Files.writeString(small, event("first") + "\n");
        Path big = tmp.resolve("b-big.jsonl");
        try (java.io.BufferedWriter w = Files.newBufferedWriter(big)) {
            for (int i = 0; i < 400_000; i++) {
                w.write(event("big-" + i));
                w.write('\n');
            }
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "import", small.toString(),
                big.toString(), "--data", data.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        StringBuffer printed = new StringBuffer(); // the progress bar redraws with \r: read characters, not lines
        Thread reader = new Thread(() -> {
            try (java.io.Reader in = new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8)) {
                char[] buf = new char[4096];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    printed.append(buf, 0, n);
                }
            } catch (java.io.IOException e) {
                printed.append(e);
            }
        });
        reader.start();
        // interrupt once the big file is being read (its progress past 0 %): the small file is committed by then
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!java.util.regex.Pattern.compile("\\] ([1-9][0-9]?)%").matcher(printed).find()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the big file takes longer than that: " + printed);
        // SIGINT, what Ctrl-C sends (Process.destroy would also close the output being read); the shell's builtin
        // kill: no procps needed on the machine
        assertEquals(0, new ProcessBuilder("sh", "-c", "kill -INT " + p.pid()).start().waitFor());
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        reader.join(60_000);
        String out = printed.toString();
        assertTrue(out.contains("\"Interrupted\" : true"), out);
        assertTrue(out.contains("\"InterruptedFile\" : \"" + big + "\""), out);
        assertTrue(out.contains("\"Imported\" : 1"), "the first file's event was committed: " + out);
    }

    @Test
    void anEventOverTheSizeLimitIsRejectedInWords() throws Exception {
        Cli cli = Cli.init(tmp.resolve("data"));
        Path file = tmp.resolve("big.jsonl");
        String huge = "{\"eventId\":\"huge\",\"eventTime\":\""
                + Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
                + "\",\"requestParameters\":{\"blob\":\"" + "x".repeat(9 << 20) + "\"}}";
        Files.writeString(file, event("small-1") + "\n" + huge + "\n" + event("small-2") + "\n");
        JsonNode report = cli.ok("import", file.toString());
        assertEquals(2, report.get("Imported").asInt(), report.toString());
        assertEquals(2, report.at("/RejectedRecords/0/Record").asInt());
        assertEquals("event larger than " + (8 << 20) + " bytes", report.at("/RejectedRecords/0/Reason").asText());
    }
}
