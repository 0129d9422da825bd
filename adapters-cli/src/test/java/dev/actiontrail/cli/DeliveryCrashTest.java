package dev.actiontrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kill -9 the server while it delivers a large backlog, start it again, and check that every event recorded while
 * the trail logged lands in the bucket exactly once.
 */
class DeliveryCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 60_000;

    @TempDir
    Path dir;

    private Process serve(Path data) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", "0",
                "--data", data.toString(), "--delivery-interval", "1", "--access-key-id", "testid",
                "--access-key-secret", "testsecret");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("actiontrail listening on")) {
            // wait for the ready line
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
        drain.setDaemon(true);
        drain.start();
        return p;
    }

    /** eventId → how many times it appears in the bucket's objects. */
    private static Map<String, Integer> delivered(Path bucket) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        if (!Files.isDirectory(bucket)) {
            return counts;
        }
        try (Stream<Path> files = Files.walk(bucket)) {
            for (Path object : files.filter(Files::isRegularFile).toList()) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(object))) {
                    for (JsonNode e : JSON.readTree(in)) {
                        counts.merge(e.get("eventId").asText(), 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }

    @Test
    void everyEventIsDeliveredExactlyOnceAcrossAKill() throws Exception {
        Path data = dir.resolve("data");
        Cli cli = Cli.init(data);
        cli.succeed("oss", "mb", "audit-log");
        cli.ok("CreateTrail", "--Name", "trail-test", "--OssBucketName", "audit-log");
        cli.ok("StartLogging", "--Name", "trail-test");

        Path file = dir.resolve("events.jsonl");
        Set<String> expected = new HashSet<>();
        Instant base = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < EVENTS; i++) {
                String id = String.format("CRASH-%08d", i);
                expected.add(id);
                w.write("{\"eventId\":\"" + id + "\",\"eventVersion\":1,\"eventName\":\"DescribeInstances\","
                        + "\"eventTime\":\"" + base.plusSeconds(i % 3600) + "\",\"eventType\":\"ApiCall\","
                        + "\"eventRW\":\"Read\",\"acsRegion\":\"" + (i % 3 == 0 ? "cn-beijing" : "cn-hangzhou")
                        + "\",\"serviceName\":\"Ecs\",\"userIdentity\":{\"type\":\"ram-user\",\"userName\":\"alice\"},"
                        + "\"requestParameters\":{\"PageSize\":" + (i % 100) + ",\"Padding\":\""
                        + "x".repeat(200) + "\"}}\n");
            }
        }
        assertEquals(EVENTS, cli.ok("import", file.toString()).get("Imported").asInt());

        Path bucket = data.resolve("oss/audit-log");
        Process first = serve(data);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // wait until delivery has started writing, then kill the server without warning
        while (!Files.isDirectory(data.resolve(".staging")) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        first.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));

        Process second = serve(data);
        try {
            Map<String, Integer> counts = delivered(bucket);
            while (!counts.keySet().containsAll(expected) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                counts = delivered(bucket);
            }
            assertTrue(counts.keySet().containsAll(expected), "all delivered: " + counts.size());
            Map<String, Integer> twice = new HashMap<>();
            counts.forEach((id, n) -> {
                if (n != 1) {
                    twice.put(id, n);
                }
            });
            assertEquals(Map.of(), twice, "no event delivered twice");
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
