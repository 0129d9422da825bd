package dev.actiontrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Imports the real published ActionTrail events (src/test/resources/samples, attribution in its README.md)
 * through the CLI and finds each of them with LookupEvents by every attribute key it carries, in both directions,
 * across pages.
 */
class ImportAndLookupCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SAMPLES = {
        "acs-metadata_GetAccessKeyLastUsedEvents-Detail.events.json",
        "alibabaclouddocs.events.json",
        "aliyun-alert-investigation-agent_LookupEvents.events.json",
        "azure-sentinel_AliCloud_CL.events.json",
        "azure-sentinel_AliCloud_CL.sls-records.json",
        "azure-sentinel_AliCloud_Cloudhub_CL.events.json",
        "stratocloud_AliyunEvent-javadoc.events.json",
    };

    @TempDir
    Path tmp;
    Path samples;
    Cli cli;

    @BeforeEach
    void setUp() throws IOException {
        samples = Files.createDirectories(tmp.resolve("samples"));
        for (String name : SAMPLES) {
            try (InputStream in = getClass().getResourceAsStream("/samples/" + name)) {
                Files.copy(in, samples.resolve(name));
            }
        }
        // the samples go back to 2015: keep 20 years of history (widening deletes nothing: no question asked)
        cli = Cli.init(tmp.resolve("data"));
        cli.ok("account", "--history-days", "7300");
    }

    /** The sample event objects (lower-case ActionTrail shape) of the *.events.json files, by eventId. */
    private Map<String, JsonNode> expectedEvents() throws IOException {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(samples)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".events.json")).sorted().toList()) {
                for (JsonNode e : JSON.readTree(f.toFile())) {
                    if (e.hasNonNull("eventId")) {
                        byId.putIfAbsent(e.get("eventId").asText(), e);
                    }
                }
            }
        }
        return byId;
    }

    @Test
    void importReportsImportedDuplicateAndRejectedRecords() throws IOException {
        Map<String, JsonNode> expected = expectedEvents();
        JsonNode report = cli.ok("import", samples.toString());
        assertEquals(expected.size(), report.get("Imported").asInt());
        // one published duplicate (DF1291C4…) plus the 11 SLS records repeating AliCloud_CL's events
        assertEquals(12, report.get("Duplicates").asInt());
        assertEquals(1, report.get("Rejected").asInt(), "the PascalCase export variant has no eventId");
        JsonNode rejected = report.get("RejectedRecords").get(0);
        assertTrue(rejected.get("File").asText().endsWith("alibabaclouddocs.events.json"));
        assertEquals("missing eventId", rejected.get("Reason").asText());

        JsonNode again = cli.ok("import", samples.toString());
        assertEquals(0, again.get("Imported").asInt(), "re-import stores nothing twice");
    }

    @Test
    void importsGzipJsonLinesAndRecordsWrapper() throws IOException {
        List<JsonNode> events = new ArrayList<>(expectedEvents().values());
        Path gz = tmp.resolve("Actiontrail_cn-hangzhou_20220412102400_1002_3_900_abc.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(JSON.writeValueAsBytes(events.subList(0, 3)));
        }
        Path lines = tmp.resolve("events.jsonl");
        StringBuilder sb = new StringBuilder();
        for (JsonNode e : events.subList(3, 6)) {
            sb.append(JSON.writeValueAsString(e)).append('\n');
        }
        Files.writeString(lines, sb);
        Path wrapper = tmp.resolve("records.json");
        Files.writeString(wrapper, JSON.writeValueAsString(Map.of("Records", events.subList(6, 9))));
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "[" + JSON.writeValueAsString(events.get(9)) + ", {\"eventId\": ");

        Cli.Result r = cli.run("import", gz.toString(), lines.toString(), wrapper.toString(), broken.toString());
        assertEquals(1, r.exit(), "a file that cannot be read to its end makes the import fail visibly");
        JsonNode report = r.json();
        assertEquals(9, report.get("Imported").asInt());
        JsonNode failed = report.get("FailedFiles").get(0);
        assertTrue(failed.get("File").asText().endsWith("broken.json"));
        assertEquals(0, failed.get("StoredBeforeFailure").asInt(), "a broken file is not half-imported");
        String id = events.get(9).get("eventId").asText();
        JsonNode page = lookup(events.get(9), "EventId", id, "BACKWARD", 50, null);
        assertEquals(0, page.get("Events").size());
        String gzId = events.get(0).get("eventId").asText();
        assertEquals(1, lookup(events.get(0), "EventId", gzId, "BACKWARD", 50, null).get("Events").size());
    }

    @Test
    void everyEventIsFoundByEveryKeyItCarriesInBothDirectionsAcrossPages() throws IOException {
        Map<String, JsonNode> expected = expectedEvents();
        cli.ok("import", samples.toString());
        int checks = 0;
        for (JsonNode event : expected.values()) {
            for (Map.Entry<String, String> attr : attributes(event)) {
                List<JsonNode> forward = collect(event, attr.getKey(), attr.getValue(), "FORWARD");
                List<JsonNode> backward = collect(event, attr.getKey(), attr.getValue(), "BACKWARD");
                String id = event.get("eventId").asText();
                assertTrue(forward.stream().anyMatch(e -> e.get("eventId").asText().equals(id)),
                        () -> "FORWARD " + attr + " misses " + id);
                assertEquals(reversed(backward), forward, "BACKWARD is FORWARD reversed for " + attr);
                assertEquals(forward.size(), new HashSet<>(forward).size(), "no event twice across pages");
                for (int i = 1; i < forward.size(); i++) {
                    assertFalse(Instant.parse(forward.get(i).get("eventTime").asText())
                            .isBefore(Instant.parse(forward.get(i - 1).get("eventTime").asText())));
                }
                for (JsonNode found : forward) {
                    assertTrue(attributes(found).contains(attr), () -> found + " does not carry " + attr);
                }
                checks++;
            }
            JsonNode exact = lookup(event, "EventId", event.get("eventId").asText(), "BACKWARD", 5, null);
            assertEquals(event, exact.get("Events").get(0), "LookupEvents returns the event as recorded");
        }
        assertTrue(checks > 200, "checked " + checks + " (event, key) pairs");
    }

    /** Every page of a lookup (2 per page) of the ±1 day window around the event. */
    private List<JsonNode> collect(JsonNode event, String key, String value, String direction) {
        List<JsonNode> all = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = lookup(event, key, value, direction, 2, token);
            page.get("Events").forEach(all::add);
            token = page.hasNonNull("NextToken") ? page.get("NextToken").asText() : null;
            assertTrue(page.get("Events").size() <= 2);
        } while (token != null);
        return all;
    }

    private JsonNode lookup(JsonNode event, String key, String value, String direction, int max, String token) {
        Instant t = Instant.parse(event.get("eventTime").asText());
        List<String> args = new ArrayList<>(List.of("LookupEvents",
                "--LookupAttribute.1.Key", key, "--LookupAttribute.1.Value", value,
                "--StartTime", t.minus(1, ChronoUnit.DAYS).toString(),
                "--EndTime", t.plus(1, ChronoUnit.DAYS).toString(),
                "--Direction", direction, "--MaxResults", Integer.toString(max)));
        if (token != null) {
            args.add("--NextToken");
            args.add(token);
        }
        JsonNode page = cli.ok(args.toArray(String[]::new));
        assertNotNull(page.get("RequestId"));
        return page;
    }

    private static List<JsonNode> reversed(List<JsonNode> list) {
        List<JsonNode> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    /** The (LookupAttribute key, value) pairs an event carries, read from its JSON independently of the product. */
    private static Set<Map.Entry<String, String>> attributes(JsonNode e) {
        Set<Map.Entry<String, String>> out = new java.util.LinkedHashSet<>();
        put(out, "EventId", e.path("eventId"));
        put(out, "EventName", e.path("eventName"));
        put(out, "ServiceName", e.path("serviceName"));
        put(out, "EventRW", e.path("eventRW"));
        put(out, "EventType", e.path("eventType"));
        put(out, "SourceIpAddress", e.path("sourceIpAddress"));
        put(out, "User", e.path("userIdentity").path("userName"));
        put(out, "EventAccessKeyId", e.path("userIdentity").path("accessKeyId"));
        put(out, "SensitiveAction", e.path("eventAttributes").path("SensitiveAction"));
        if (e.path("userIdentity").path("type").asText().equals("assumed-role")) {
            String user = e.path("userIdentity").path("userName").asText();
            out.add(Map.entry("RoleName", user.substring(0, user.indexOf(':'))));
        }
        e.path("referencedResources").fields().forEachRemaining(f -> {
            out.add(Map.entry("ResourceType", f.getKey()));
            f.getValue().forEach(v -> out.add(Map.entry("ResourceName", v.asText())));
        });
        return out;
    }

    private static void put(Set<Map.Entry<String, String>> out, String key, JsonNode value) {
        if (value.isValueNode() && !value.asText().isEmpty()) {
            out.add(Map.entry(key, value.asText()));
        }
    }
}
