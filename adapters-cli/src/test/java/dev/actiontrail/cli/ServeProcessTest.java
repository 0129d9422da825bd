package dev.actiontrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code actiontrail serve} as a separate process: the ready line, the root AccessKey made at first start (printed
 * once, stored owner-only), {@code /health}, the CLI's remote mode, and SIGTERM leaving a clean store whose
 * events are all there when it is opened again.
 */
class ServeProcessTest {
    private static final Pattern READY = Pattern.compile("actiontrail listening on http://127\\.0\\.0\\.1:(\\d+) .*");
    private static final Pattern KEY_ID = Pattern.compile("\\s*AccessKeyId:\\s+(\\S+)");
    private static final Pattern KEY_SECRET = Pattern.compile("\\s*AccessKeySecret:\\s+(\\S+)");

    @TempDir
    Path data;

    /** A started server process and what it printed up to its ready line. */
    record Started(Process process, int port, List<String> lines) {
        String find(Pattern p) {
            List<String> seen;
            synchronized (lines) { // the drain thread appends what the server prints after its ready line
                seen = List.copyOf(lines);
            }
            for (String line : seen) {
                Matcher m = p.matcher(line);
                if (m.matches()) {
                    return m.group(1);
                }
            }
            return null;
        }
    }

    private final List<Process> processes = new ArrayList<>();

    /** A failed assertion must not leave a server running past the test. */
    @AfterEach
    void killLeftovers() {
        processes.stream().filter(Process::isAlive).forEach(Process::destroyForcibly);
    }

    private Started serve() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--port", "0", "--data", data.toString(), "--account-id", "1234567890123456");
        pb.environment().remove("ALIBABA_CLOUD_ACCESS_KEY_ID");
        pb.environment().remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        processes.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = out.readLine();
            if (line == null) {
                break;
            }
            lines.add(line);
            Matcher m = READY.matcher(line);
            if (m.matches()) {
                Thread drain = new Thread(() -> {
                    try {
                        out.lines().forEach(l -> {
                            synchronized (lines) {
                                lines.add(l);
                            }
                        });
                    } catch (java.io.UncheckedIOException closed) {
                        // the process was stopped: its output ends here
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return new Started(p, Integer.parseInt(m.group(1)), lines);
            }
        }
        p.destroyForcibly();
        throw new AssertionError("server never became ready: " + lines);
    }

    @Test
    void firstStartMakesARootKeyTheCliUsesRemotelyAndSigtermLeavesACleanStore() throws Exception {
        Started first = serve();
        String id = first.find(KEY_ID);
        String secret = first.find(KEY_SECRET);
        assertNotNull(id, "the first start prints the new AccessKeyId");
        assertNotNull(secret, "and its secret, once");
        // the key is kept in the database, which (with its WAL) only its owner may read
        assertFalse(Files.exists(data.resolve("access-keys.properties")));
        for (String file : List.of("actiontrail.db", "actiontrail.db-wal")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(file))),
                    file);
        }

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + first.port() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"Status\":\"UP\""), health.body());

        Cli remote = new Cli(data.resolve("unused-local-folder"), "--endpoint", "127.0.0.1:" + first.port(),
                "--access-key-id", id, "--access-key-secret", secret);
        Files.createDirectories(data.resolve("oss/audit-log"));
        JsonNode created = remote.ok("CreateTrail", "--Name", "remote-trail", "--OssBucketName", "audit-log");
        assertEquals("remote-trail", created.get("Name").asText());
        Cli.Result denied = new Cli(data.resolve("unused-local-folder"), "--endpoint", "127.0.0.1:" + first.port(),
                "--access-key-id", id, "--access-key-secret", "wrong").run("DescribeTrails");
        assertEquals(1, denied.exit());
        assertEquals("SignatureDoesNotMatch", denied.errorJson().get("Code").asText());
        JsonNode events = remote.ok("LookupEvents", "--LookupAttribute.1.Key", "EventAccessKeyId",
                "--LookupAttribute.1.Value", id);
        assertEquals("CreateTrail", events.at("/Events/0/eventName").asText());
        assertFalse(Files.exists(data.resolve("unused-local-folder")), "remote mode does not touch a local folder");
        // one access log line per call on standard output, with the key's ID and never its secret
        String accessLine = null;
        for (int i = 0; i < 100 && accessLine == null; i++) {
            synchronized (first.lines()) {
                accessLine = first.lines().stream().filter(l -> l.contains(" access ")
                        && l.contains("action=\"CreateTrail\"")).findFirst().orElse(null);
            }
            if (accessLine == null) {
                Thread.sleep(50);
            }
        }
        assertNotNull(accessLine, "an access log line for CreateTrail");
        assertTrue(accessLine.contains("accessKeyId=\"" + id + "\"") && accessLine.contains("status=\"200\""),
                accessLine);
        synchronized (first.lines()) {
            assertTrue(first.lines().stream().filter(l -> l.contains(" access "))
                    .anyMatch(l -> l.contains("code=\"SignatureDoesNotMatch\"")), "the refused call is logged too");
            assertTrue(first.lines().stream().filter(l -> l.contains(" access ")).noneMatch(l -> l.contains(secret)),
                    "no secret in the log");
        }

        first.process().destroy(); // SIGTERM
        assertTrue(first.process().waitFor(60, TimeUnit.SECONDS), "SIGTERM stops the server");

        Started second = serve();
        try {
            assertEquals(null, second.find(KEY_ID), "the stored key is not printed again");
            Cli again = new Cli(data.resolve("unused-local-folder"), "--endpoint", "127.0.0.1:" + second.port(),
                    "--access-key-id", id, "--access-key-secret", secret);
            JsonNode all = again.ok("LookupEvents", "--LookupAttribute.1.Key", "EventName",
                    "--LookupAttribute.1.Value", "CreateTrail");
            assertEquals(1, all.get("Events").size(), "the acknowledged call's event survived the restart");
            assertEquals("remote-trail", again.ok("DescribeTrails").at("/TrailList/0/Name").asText());
        } finally {
            second.process().destroy();
            second.process().waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPortInUseIsNamedAndNoDataFolderIsLeftBehind() throws Exception {
        Path fresh = data.resolve("never-made");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Cli.Result r = new Cli(fresh).run("serve", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(1, r.exit());
            assertTrue(r.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + ": address already in use"), r.err());
        }
        assertFalse(Files.exists(fresh));
    }
}
