package dev.actiontrail.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.actiontrail.core.account.Account;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.api.ApiVersion;
import dev.actiontrail.core.api.CallContext;
import dev.actiontrail.core.event.AuditEvent;
import dev.actiontrail.core.event.EventPage;
import dev.actiontrail.core.event.HistoryWindow;
import dev.actiontrail.core.event.LookupEventsService;
import dev.actiontrail.core.event.LookupKey;
import dev.actiontrail.core.event.LookupRequest;
import dev.actiontrail.persistence.SqliteStore;
import dev.actiontrail.persistence.destination.LocalResourceDirectory;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * The benchmark suite (issue 5): P1 ingest (JMH), P2 LookupEvents latency, P3 HTTP throughput, P4 delivery
 * (pending), P5 footprint. Each figure is measured in the same run as the limit it should approach and reported
 * as a ratio. Writes {@code report.json} and {@code report.md} into the output folder.
 *
 * <p>Options: {@code --out DIR}, {@code --work DIR} (scratch: databases, logs), {@code --server-jar FILE}
 * (adapters-cli/target/actiontrail.jar), {@code --events N} (P2/P3/P5 history size, default 1 000 000),
 * {@code --large} (10 000 000), {@code --quick} (tiny sizes and times: a smoke test of the suite itself, figures
 * meaningless), {@code --only P1,P2,...}, {@code --reuse-history} (keep the history an earlier run built),
 * {@code --server-jvm-arg ARG} (e.g. a JFR recording of the server under
 * test), {@code --render} (only rewrite report.md and summary.md from {@code --out}'s report.json).
 */
public final class Suite {
    static final String ACCOUNT = "1234567890123456";
    static final String KEY_ID = "benchkeyid";
    static final String KEY_SECRET = "benchkeysecret";
    static final long SEED = 20240501L;
    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Path out = Path.of("benchmarks/target/report");
    private Path work = Path.of("benchmarks/target/work");
    private Path serverJar = Path.of("adapters-cli/target/actiontrail.jar");
    private long events = 1_000_000;
    private boolean quick;
    private String only = "P1,P2,P3,P4,P5";
    private final List<String> serverJvmArgs = new ArrayList<>();
    private boolean render;
    private boolean reuseHistory;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private Path dataDir;
    private Instant historyStart;
    private Instant historyEnd;
    private EventGenerator generator;

    public static void main(String[] args) throws Exception {
        Suite s = new Suite();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> s.out = Path.of(args[++i]);
                case "--work" -> s.work = Path.of(args[++i]);
                case "--server-jar" -> s.serverJar = Path.of(args[++i]);
                case "--events" -> s.events = Long.parseLong(args[++i].replace("_", ""));
                case "--large" -> s.events = 10_000_000;
                case "--quick" -> s.quick = true;
                case "--only" -> s.only = args[++i].toUpperCase(Locale.ROOT);
                case "--reuse-history" -> s.reuseHistory = true; // keep a history built by an earlier run
                case "--server-jvm-arg" -> s.serverJvmArgs.add(args[++i]); // e.g. JFR for profiling
                case "--render" -> { // only rewrite report.md and summary.md from the output folder's report.json
                    s.render = true;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (s.quick && s.events == 1_000_000) {
            s.events = 20_000;
        }
        if (s.render) {
            var tree = JSON.readTree(s.out.resolve("report.json").toFile());
            Files.writeString(s.out.resolve("report.md"), Markdown.of(tree));
            Files.writeString(s.out.resolve("summary.md"), Markdown.summary(tree));
            return;
        }
        s.run();
    }

    private boolean enabled(String part) {
        return only.contains(part);
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        Files.createDirectories(work);
        long t0 = System.nanoTime();
        report.put("machine", Machine.describe());
        report.put("startedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        report.put("events", events);
        report.put("quick", quick);
        Map<String, Object> figures = new LinkedHashMap<>();
        report.put("figures", figures);
        if (enabled("P1")) {
            figures.put("P1", p1Ingest());
            save();
        }
        if (enabled("P2") || enabled("P3") || enabled("P5")) {
            figures.put("build", buildHistory());
            save();
        }
        if (enabled("P2")) {
            figures.put("P2", p2Lookup());
            save();
        }
        Map<String, Object> p5 = new LinkedHashMap<>();
        if (enabled("P3")) {
            figures.put("P3", p3Http(p5));
            save();
        }
        if (enabled("P4")) {
            figures.put("P4", p4Delivery());
        }
        if (enabled("P5")) {
            figures.put("P5", p5Footprint(p5));
        }
        report.put("seconds", Math.round((System.nanoTime() - t0) / 1e9));
        save();
        System.out.println("report: " + out.resolve("report.json") + " and " + out.resolve("report.md"));
    }

    private void save() throws IOException {
        Files.writeString(out.resolve("report.json"), JSON.writeValueAsString(report) + "\n");
        Files.writeString(out.resolve("report.md"), Markdown.of(JSON.valueToTree(report)));
        Files.writeString(out.resolve("summary.md"), Markdown.summary(JSON.valueToTree(report)));
    }

    // ---------------------------------------------------------------- P1

    private Map<String, Object> p1Ingest() throws Exception {
        log("P1 ingest (JMH)");
        Options opts = new OptionsBuilder()
                .include(IngestBenchmark.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(quick ? 1 : 2).warmupTime(TimeValue.seconds(quick ? 1 : 3))
                .measurementIterations(quick ? 1 : 4).measurementTime(TimeValue.seconds(quick ? 1 : 4))
                .jvmArgsAppend("-Xmx2g")
                .shouldDoGC(false)
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        Map<String, double[]> byKey = new LinkedHashMap<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            int batch = Integer.parseInt(r.getParams().getParam("batch"));
            double score = r.getPrimaryResult().getScore() * batch;
            double error = r.getPrimaryResult().getScoreError() * batch;
            byKey.put(method + "/" + batch, new double[] {score, Double.isNaN(error) ? 0 : error});
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int batch : new int[] {1, 100, 10_000}) {
            double[] lib = byKey.get("recorder/" + batch);
            double[] raw = byKey.get("rawJdbc/" + batch);
            if (lib == null || raw == null) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("batch", batch);
            row.put("recorderEventsPerSecond", Math.round(lib[0]));
            row.put("recorderError", Math.round(lib[1]));
            row.put("rawEventsPerSecond", Math.round(raw[0]));
            row.put("rawError", Math.round(raw[1]));
            row.put("ratio", round(lib[0] / raw[0], 3));
            if (batch == 10_000) {
                row.put("target", "ratio >= 0.7");
                row.put("met", lib[0] / raw[0] >= 0.7);
            }
            rows.add(row);
        }
        return Map.of("rows", rows, "method", "JMH throughput, 1 fork, 2x3 s warm-up, 4x4 s measured; one op = one"
                + " batch committed with synchronous=FULL (WAL); events are generated before each op, untimed.");
    }

    // ---------------------------------------------------------------- history (shared by P2, P3, P5)

    private Map<String, Object> buildHistory() throws Exception {
        dataDir = work.resolve("data-" + events);
        Path endFile = work.resolve("data-" + events + ".end");
        if (reuseHistory && Files.exists(endFile)) { // an earlier run's history (P3 adds its own calls' events)
            historyEnd = Instant.parse(Files.readString(endFile).trim());
            historyStart = historyEnd.minus(Duration.ofDays(85));
            generator = new EventGenerator(SEED, ACCOUNT, historyStart, historyEnd, events);
            log("reusing the history in " + dataDir + " (ending " + historyEnd + ")");
            return Map.of("events", events, "reused", true);
        }
        deleteTree(dataDir);
        Files.deleteIfExists(endFile);
        Files.createDirectories(dataDir);
        historyEnd = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        historyStart = historyEnd.minus(Duration.ofDays(85));
        generator = new EventGenerator(SEED, ACCOUNT, historyStart, historyEnd, events);
        log("building a history of " + events + " events over 85 days in " + dataDir);
        int batch = 10_000;
        BlockingQueue<List<AuditEvent>> queue = new ArrayBlockingQueue<>(4);
        long[] gzipped = new long[2]; // bytes, events
        long[] jsonBytes = new long[1];
        Thread producer = new Thread(() -> {
            try (CountingStream counter = new CountingStream();
                 GZIPOutputStream gzip = new GZIPOutputStream(counter, 1 << 16)) {
                for (long i = 0; i < events; i += batch) {
                    List<AuditEvent> list = generator.events(i, (int) Math.min(batch, events - i));
                    for (int j = 0; j < list.size(); j++) {
                        byte[] json = list.get(j).json().getBytes(StandardCharsets.UTF_8);
                        jsonBytes[0] += json.length;
                        if ((i + j) % 10 == 0) { // the gzip comparison on every 10th event (CPU bound)
                            gzip.write(json);
                            gzip.write('\n');
                            gzipped[1]++;
                        }
                    }
                    queue.put(list);
                }
                gzip.finish();
                gzipped[0] = counter.count;
                queue.put(List.of());
            } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
            }
        }, "generator");
        long t0 = System.nanoTime();
        producer.start();
        long stored = 0;
        try (SqliteStore store = SqliteStore.open(dataDir.resolve("actiontrail.db"))) {
            AccountId account = AccountId.of(ACCOUNT);
            for (List<AuditEvent> list = queue.take(); !list.isEmpty(); list = queue.take()) {
                stored += store.events().append(account, list).stored();
            }
        }
        producer.join();
        Files.writeString(endFile, historyEnd + "\n");
        double seconds = (System.nanoTime() - t0) / 1e9;
        long dbBytes = 0;
        for (String f : new String[] {"actiontrail.db", "actiontrail.db-wal", "actiontrail.db-shm"}) {
            Path p = dataDir.resolve(f);
            dbBytes += Files.exists(p) ? Files.size(p) : 0;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", stored);
        m.put("seconds", round(seconds, 1));
        m.put("eventsPerSecond", Math.round(stored / seconds));
        m.put("note", "generation (1 thread) pipelined with store.events().append in batches of 10 000");
        m.put("dbBytes", dbBytes);
        m.put("bytesPerEventOnDisk", round((double) dbBytes / stored, 1));
        m.put("jsonBytesPerEvent", round((double) jsonBytes[0] / stored, 1));
        m.put("gzipJsonBytesPerEvent", round((double) gzipped[0] / gzipped[1], 1));
        log("built: " + m);
        return m;
    }

    // ---------------------------------------------------------------- P2

    /** A LookupEvents query template: filter (or none), window, version. */
    private record Probe(LookupKey key, String value, String start, String end) {
    }

    private Map<String, Object> p2Lookup() throws Exception {
        log("P2 LookupEvents latency over " + events + " events");
        int samples = quick ? 30 : 300;
        int deepPage = 10;
        List<Map<String, Object>> rows = new ArrayList<>();
        try (SqliteStore store = SqliteStore.open(dataDir.resolve("actiontrail.db"))) {
            LookupEventsService service = new LookupEventsService(store.events(), Clock.systemUTC(), HistoryWindow.DEFAULT);
            Account account = Account.of(AccountId.of(ACCOUNT), null);
            List<LookupKey> keys = new ArrayList<>();
            keys.add(null); // no filter
            for (LookupKey k : LookupKey.values()) {
                keys.add(k);
            }
            // warm-up: one pass with few samples (JIT, SQLite page cache)
            for (LookupKey key : keys) {
                for (String direction : new String[] {"FORWARD", "BACKWARD"}) {
                    measure(service, account, probes(key, quick ? 5 : 40, 7), direction, deepPage);
                }
            }
            for (LookupKey key : keys) {
                List<Probe> probes = probes(key, samples, 11);
                for (String direction : new String[] {"FORWARD", "BACKWARD"}) {
                    Stats[] st = measure(service, account, probes, direction, deepPage);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("key", key == null ? "(none)" : key.name());
                    row.put("direction", direction);
                    row.put("firstP50Ms", round(st[0].percentileMillis(50), 3));
                    row.put("firstP99Ms", round(st[0].percentileMillis(99), 3));
                    row.put("firstSamples", st[0].count());
                    row.put("deepP50Ms", round(st[1].percentileMillis(50), 3));
                    row.put("deepP99Ms", round(st[1].percentileMillis(99), 3));
                    row.put("deepSamples", st[1].count());
                    double worst = Math.max(st[0].percentileMillis(99),
                            st[1].count() == 0 ? 0 : st[1].percentileMillis(99));
                    row.put("ratioToTarget", round(worst / 5.0, 3));
                    row.put("met", worst < 5.0);
                    rows.add(row);
                    log("  " + row);
                }
            }
        }
        return Map.of("rows", rows, "target", "p99 < 5 ms for every key and direction (ratio = worst p99 / 5 ms)",
                "method", "in process through LookupEventsService (the use case the API calls) on the " + events
                        + "-event file; " + samples + " queries per key (values drawn from stored events, so popular"
                        + " values come up as often as they occur), 30-day windows around them, 20 per page; deep page ="
                        + " page " + deepPage + " via NextToken (only for queries with that many matches)");
    }

    /** Queries on {@code key}: a value some stored event has, and a 30-day window around that event. */
    private List<Probe> probes(LookupKey key, int n, long salt) {
        SplittableRandom r = new SplittableRandom(SEED + salt * 1000 + (key == null ? 0 : key.code()));
        List<Probe> probes = new ArrayList<>();
        Instant oldest = Instant.now().minus(Duration.ofDays(90)).plus(Duration.ofHours(1));
        int tries = 0;
        while (probes.size() < n && tries++ < n * 2000) {
            long i = r.nextLong(events);
            AuditEvent e = generator.event(i);
            String value = null;
            if (key != null) {
                List<String> values = new ArrayList<>();
                for (AuditEvent.Attribute a : e.attributes()) {
                    if (a.key() == key) {
                        values.add(a.value());
                    }
                }
                if (values.isEmpty()) {
                    continue;
                }
                value = values.get(r.nextInt(values.size()));
            }
            Instant start = e.eventTime().minus(Duration.ofDays(15)).truncatedTo(ChronoUnit.SECONDS);
            if (start.isBefore(oldest)) {
                start = oldest.truncatedTo(ChronoUnit.SECONDS);
            }
            Instant end = start.plus(Duration.ofDays(30));
            if (end.isAfter(historyEnd.plus(Duration.ofMinutes(4)))) {
                end = historyEnd.plus(Duration.ofMinutes(4));
                start = end.minus(Duration.ofDays(30));
            }
            probes.add(new Probe(key, value, iso(start), iso(end)));
        }
        return probes;
    }

    /** [first page latencies, deep page latencies]. */
    private static Stats[] measure(LookupEventsService service, Account account, List<Probe> probes, String direction,
                                   int deepPage) {
        Stats first = new Stats();
        Stats deep = new Stats();
        for (Probe p : probes) {
            ApiVersion version = p.key() == LookupKey.RequestId ? ApiVersion.V2017_12_04 : ApiVersion.V2020_07_06;
            CallContext ctx = new CallContext(account, "cn-hangzhou", version);
            List<Map.Entry<String, String>> attrs = p.key() == null ? List.of()
                    : List.of(new AbstractMap.SimpleImmutableEntry<>(p.key().parameterName(version).orElseThrow(),
                    p.value()));
            String token = null;
            for (int page = 1; page <= deepPage; page++) {
                LookupRequest req = new LookupRequest(attrs, p.start(), p.end(), direction, "20", token);
                long t = System.nanoTime();
                EventPage result = service.lookup(ctx, req);
                long elapsed = System.nanoTime() - t;
                if (page == 1) {
                    if (result.events().isEmpty()) {
                        throw new IllegalStateException("probe found nothing: " + p);
                    }
                    first.add(elapsed);
                } else if (page == deepPage) {
                    deep.add(elapsed);
                }
                token = result.nextToken();
                if (token == null) {
                    break;
                }
            }
        }
        return new Stats[] {first, deep};
    }

    // ---------------------------------------------------------------- P3

    private Map<String, Object> p3Http(Map<String, Object> p5) throws Exception {
        log("P3 HTTP");
        Duration warmup = Duration.ofSeconds(quick ? 1 : 10); // the server JIT-compiles for several seconds under load
        Duration measure = Duration.ofSeconds(quick ? 2 : 10);
        int rounds = quick ? 2 : 4; // root and RAM user measured in alternating slices (ABBA): drift hits both alike
        Duration slice = measure.dividedBy(rounds);
        Duration settle = Duration.ofMillis(quick ? 200 : 500); // fresh connections of a slice, not counted
        int connections = 32;
        LocalResourceDirectory resources = new LocalResourceDirectory(dataDir);
        if (resources.listBuckets().stream().noneMatch(b -> b.name().equals("bench-audit"))) { // a reused history has it
            resources.createBucket("bench-audit", "cn-hangzhou");
        }
        // the RAM user, its 10 policies and its key, through RAM API calls, before the server opens the folder
        RamUserSetup.Key userKey = RamUserSetup.setUp(dataDir, ACCOUNT);
        log("  RAM user " + RamUserSetup.USER + " with " + RamUserSetup.POLICIES + " custom policies x "
                + RamUserSetup.STATEMENTS + " statements, key " + userKey.id());
        String userLabel = " (RAM user, " + RamUserSetup.POLICIES + " policies x " + RamUserSetup.STATEMENTS
                + " statements)";
        int port = freePort();
        Process server = startServer(dataDir, port, "server-p3");
        List<Map<String, Object>> rows = new ArrayList<>();
        Process bare = null;
        try {
            Signer signer = new Signer(KEY_ID, KEY_SECRET);
            Signer userSigner = new Signer(userKey.id(), userKey.secret());
            String created = call(port, signer.uri(Map.of("Action", "CreateTrail", "Version", "2020-07-06",
                    "Name", "bench-trail", "OssBucketName", "bench-audit")));
            if (!created.contains("bench-trail") && !created.contains("TrailAlreadyExistsException")) {
                throw new IllegalStateException("CreateTrail failed: " + created);
            }
            List<Supplier<Map<String, String>>> lookups = lookupMix();
            Map<String, String> describe = Map.of("Action", "DescribeTrails", "Version", "2020-07-06");
            // the user is allowed every call of the load, or the figure means nothing: fail loudly otherwise
            for (Supplier<Map<String, String>> lookup : lookups) {
                requireAnswer(port, userSigner.uri(lookup.get()), "Events", "LookupEvents");
            }
            requireAnswer(port, userSigner.uri(describe), "TrailList", "DescribeTrails");
            // the bare route sends the bytes of real answers
            Path lookupBody = work.resolve("bare-LookupEvents.json");
            Files.writeString(lookupBody, call(port, signer.uri(lookups.get(0).get())));
            Path describeBody = work.resolve("bare-DescribeTrails.json");
            Files.writeString(describeBody, call(port, signer.uri(describe)));
            int barePort = freePort();
            bare = startJava(List.of("-cp", System.getProperty("java.class.path"), BareServer.class.getName(),
                    Integer.toString(barePort), "LookupEvents=" + lookupBody, "DescribeTrails=" + describeBody),
                    "bare", barePort);
            p5.put("rssIdle", rss(server.pid()));
            for (String action : new String[] {"LookupEvents", "DescribeTrails"}) {
                Supplier<String> rootUris = uris(action, signer, lookups, describe);
                Supplier<String> userUris = uris(action, userSigner, lookups, describe);
                LoadGenerator.Result limit = LoadGenerator.run(barePort, connections, warmup, measure, rootUris);
                log("  bare " + action + ": " + limit);
                LoadGenerator.warmUp(port, connections, warmup, rootUris);
                LoadGenerator.warmUp(port, connections, warmup, userUris);
                List<LoadGenerator.Segment> rootSlices = new ArrayList<>();
                List<LoadGenerator.Segment> userSlices = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    for (boolean root : r % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                        (root ? rootSlices : userSlices).add(LoadGenerator.segment(port, connections, settle, slice,
                                root ? rootUris : userUris));
                    }
                }
                LoadGenerator.Result real = LoadGenerator.merge(rootSlices);
                LoadGenerator.Result user = LoadGenerator.merge(userSlices);
                log("  server " + action + " (root key): " + real);
                log("  server " + action + userLabel + ": " + user);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("action", action);
                row.put("caller", "root key");
                row.put("requestsPerSecond", Math.round(real.requestsPerSecond()));
                row.put("p50Ms", round(real.p50Millis(), 2));
                row.put("p90Ms", round(real.p90Millis(), 2));
                row.put("p99Ms", round(real.p99Millis(), 2));
                row.put("errors", real.errors());
                row.put("bareRequestsPerSecond", Math.round(limit.requestsPerSecond()));
                row.put("bareP50Ms", round(limit.p50Millis(), 2));
                row.put("bareP99Ms", round(limit.p99Millis(), 2));
                row.put("bytesPerAnswer", real.requests() == 0 ? 0 : real.bytes() / real.requests());
                row.put("ratio", round(real.requestsPerSecond() / limit.requestsPerSecond(), 3));
                if (action.equals("LookupEvents")) {
                    row.put("target", "ratio >= 0.4");
                    row.put("met", real.requestsPerSecond() / limit.requestsPerSecond() >= 0.4);
                }
                rows.add(row);
                Map<String, Object> userRow = new LinkedHashMap<>();
                userRow.put("action", action + userLabel);
                userRow.put("caller", "RAM user " + RamUserSetup.USER);
                userRow.put("requestsPerSecond", Math.round(user.requestsPerSecond()));
                userRow.put("p50Ms", round(user.p50Millis(), 2));
                userRow.put("p90Ms", round(user.p90Millis(), 2));
                userRow.put("p99Ms", round(user.p99Millis(), 2));
                userRow.put("errors", user.errors());
                userRow.put("rootRequestsPerSecond", Math.round(real.requestsPerSecond()));
                userRow.put("rootP50Ms", round(real.p50Millis(), 2));
                userRow.put("rootP99Ms", round(real.p99Millis(), 2));
                userRow.put("bytesPerAnswer", user.requests() == 0 ? 0 : user.bytes() / user.requests());
                double userRatio = user.requestsPerSecond() / real.requestsPerSecond();
                userRow.put("ratio", round(userRatio, 3));
                userRow.put("target", "user/root >= 0.95");
                userRow.put("met", userRatio >= 0.95);
                rows.add(userRow);
                if (user.errors() > 0 && real.errors() == 0) {
                    throw new IllegalStateException("the RAM user's " + action + " calls failed " + user.errors()
                            + " times under load (the root key's none); the first failures are on stderr above");
                }
            }
            p5.put("rssAfterLoad", rss(server.pid()));
        } finally {
            stop(server);
            if (bare != null) {
                stop(bare);
            }
        }
        Map<String, Object> ramUser = new LinkedHashMap<>();
        ramUser.put("user", RamUserSetup.USER);
        ramUser.put("policies", RamUserSetup.POLICIES);
        ramUser.put("statementsPerPolicy", RamUserSetup.STATEMENTS);
        Map<String, Object> documents = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : RamUserSetup.policies(ACCOUNT).entrySet()) {
            documents.put(p.getKey(), JSON.readTree(p.getValue()));
        }
        ramUser.put("policyDocuments", documents);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("method", "server = `java -jar actiontrail.jar serve` on the " + events
                + "-event data folder (every call authenticated with signature v1 and recorded as an event, durably,"
                + " before it is answered); limit = a bare Vert.x Web route (own process) answering the bytes of a real"
                + " answer of the same action; load = " + connections + " keep-alive connections from a closed-loop"
                + " Vert.x client (1 event loop) in the suite's JVM signing every request (fresh nonce); bare route: "
                + warmup.toSeconds() + " s warm-up + " + measure.toSeconds() + " s measured; server: "
                + warmup.toSeconds() + " s warm-up with each key, then " + measure.toSeconds() + " s measured with"
                + " each, in " + rounds + " alternating rounds (root, user, user, root, ...) of " + slice.toMillis()
                + " ms after " + settle.toMillis() + " ms on fresh connections. Root key = the account's root"
                + " identity (not subject to RAM policies); RAM user = " + RamUserSetup.USER + " with "
                + RamUserSetup.POLICIES + " custom policies of " + RamUserSetup.STATEMENTS + " statements (five attached to the user, five to its group)"
                + " (Allow/Deny on actiontrail, ram, ecs actions with wildcards, trail/instance/user resources,"
                + " IpAddress / NotIpAddress acs:SourceIp and Bool acs:SecureTransport conditions; the only statement"
                + " allowing the measured calls is the last one, so every call is evaluated against all 50), made"
                + " with RAM API calls before the server starts (ramUser has the documents); its ratio = user / root"
                + " throughput. LookupEvents rotates no filter (last 7 days), EventName, User, ServiceName, EventRW"
                + " filters (30-day windows).");
        m.put("ramUser", ramUser);
        return m;
    }

    /** The URIs of the load of one action, signed with this key. */
    private static Supplier<String> uris(String action, Signer signer, List<Supplier<Map<String, String>>> lookups,
                                         Map<String, String> describe) {
        if (action.equals("LookupEvents")) {
            int[] next = {0};
            return () -> signer.uri(lookups.get(next[0]++ % lookups.size()).get());
        }
        return () -> signer.uri(describe);
    }

    /** One call that must succeed with {@code field} in its answer; else the benchmark stops with the answer. */
    private static void requireAnswer(int port, String uri, String field, String action) throws IOException {
        String body = call(port, uri);
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException e) {
            tree = null;
        }
        if (tree == null || tree.has("Code") || !tree.has(field)) {
            throw new IllegalStateException("the server refused the RAM user's " + action + " (P3 would measure"
                    + " refusals): " + body);
        }
    }

    /** The LookupEvents calls of the HTTP load: realistic console / SDK shapes. */
    private List<Supplier<Map<String, String>>> lookupMix() {
        String end = iso(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        String start = iso(Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(30)));
        AuditEvent sample = generator.event(events - 1);
        Map<LookupKey, String> values = new LinkedHashMap<>();
        for (AuditEvent.Attribute a : sample.attributes()) {
            values.putIfAbsent(a.key(), a.value());
        }
        List<Supplier<Map<String, String>>> mix = new ArrayList<>();
        mix.add(() -> Map.of("Action", "LookupEvents", "Version", "2020-07-06"));
        for (LookupKey k : new LookupKey[] {LookupKey.EventName, LookupKey.User, LookupKey.ServiceName,
                LookupKey.EventRW}) {
            String v = values.get(k);
            if (v == null) {
                continue;
            }
            mix.add(() -> Map.of("Action", "LookupEvents", "Version", "2020-07-06", "StartTime", start,
                    "EndTime", end, "LookupAttribute.1.Key", k.name(), "LookupAttribute.1.Value", v));
        }
        return mix;
    }

    // ---------------------------------------------------------------- P4

    /**
     * P4: events/s delivered to a local OSS bucket by {@code deliverUntilCaughtUp} (read back from SQLite, filtered,
     * one gzip JSON array per region, staged, fsynced, renamed), versus the limit: gzip (same level) and a synced
     * write of the same JSON bytes alone. Record-to-visible: from a recorded event's commit to its object being
     * visible when a delivery round runs right after (what the server adds on top of waiting for the next window,
     * {@code --delivery-interval}, 5 s by default).
     */
    private Map<String, Object> p4Delivery() throws Exception {
        log("P4 delivery");
        int n = quick ? 20_000 : 400_000; // four rounds of 100 000: steady state, not the first read
        Path dir = work.resolve("data-p4");
        deleteTree(dir);
        Map<String, Object> m = new LinkedHashMap<>();
        try (dev.actiontrail.cli.local.LocalRuntime rt = dev.actiontrail.cli.local.LocalRuntime.open(dir)) {
            rt.resources().createBucket("bench-log", "cn-hangzhou");
            var account = rt.account();
            for (String action : List.of("CreateTrail", "StartLogging")) {
                Map<String, String> params = new LinkedHashMap<>(Map.of("Action", action, "Version", "2020-07-06",
                        "Name", "bench-trail"));
                if (action.equals("CreateTrail")) {
                    params.put("OssBucketName", "bench-log");
                }
                var answer = rt.call(params, "cn-hangzhou", "actiontrail-bench");
                if (!answer.ok()) {
                    throw new IllegalStateException(answer.body().toString());
                }
            }
            Instant now = Instant.now();
            EventGenerator gen = new EventGenerator(4242, account.id().value(), now.minus(Duration.ofDays(2)), now, n);
            List<String> jsons = new ArrayList<>(n);
            for (int from = 0; from < n; from += 10_000) {
                List<dev.actiontrail.core.event.AuditEvent> batch = gen.events(from, Math.min(10_000, n - from));
                batch.forEach(e -> jsons.add(e.json()));
                rt.recorder().record(account.id(), batch);
            }
            long l0 = System.nanoTime();
            Path limitFile = dir.resolve("limit.gz");
            try (java.io.FileOutputStream file = new java.io.FileOutputStream(limitFile.toFile());
                 java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(
                         new java.io.BufferedOutputStream(file, 1 << 16), 1 << 16) {
                     {
                         def.setLevel(java.util.zip.Deflater.BEST_SPEED);
                     }
                 }) {
                gz.write('[');
                for (int i = 0; i < jsons.size(); i++) {
                    if (i > 0) {
                        gz.write(',');
                    }
                    gz.write(jsons.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                gz.write(']');
                gz.finish();
                gz.flush();
                file.getFD().sync();
            }
            double limitRate = n / ((System.nanoTime() - l0) / 1e9);
            jsons.clear(); // the limit's 400 MB of input does not stay in the heap during delivery
            System.gc();

            long t0 = System.nanoTime();
            var round = rt.delivery().deliverUntilCaughtUp();
            double seconds = (System.nanoTime() - t0) / 1e9;
            double rate = round.eventsDelivered() / seconds;

            List<Double> latencies = new ArrayList<>();
            for (int i = 0; i < (quick ? 3 : 20); i++) {
                var one = new EventGenerator(7000 + i, account.id().value(), Instant.now().minusSeconds(60),
                        Instant.now(), 1).events(0, 1);
                long r0 = System.nanoTime();
                rt.recorder().record(account.id(), one);
                rt.delivery().deliverOnce();
                latencies.add((System.nanoTime() - r0) / 1e6);
            }
            latencies.sort(null);
            m.put("events", n);
            m.put("deliveredEvents", round.eventsDelivered());
            m.put("objects", round.objectsWritten());
            m.put("eventsPerSecond", Math.round(rate));
            m.put("limitEventsPerSecond", Math.round(limitRate));
            m.put("ratio", round(rate / limitRate, 3));
            m.put("targetMet", rate >= 200_000);
            m.put("recordToVisibleMsP50", round(latencies.get(latencies.size() / 2), 2));
            m.put("recordToVisibleMsMax", round(latencies.get(latencies.size() - 1), 2));
            m.put("method", "deliverUntilCaughtUp of " + n + " generated events to a local OSS bucket (one object per "
                    + "region, gzip level 1, staged + fsync + rename) vs the same JSON gzipped (level 1, one thread, "
                    + "streamed) into one fsynced file, measured first, its input dropped before delivery is timed; "
                    + "record-to-visible = commit of one event + the next delivery "
                    + "round, to which the server "
                    + "adds the wait for its window (--delivery-interval, default 5 s)");
        }
        deleteTree(dir);
        return m;
    }

    // ---------------------------------------------------------------- P5

    private Map<String, Object> p5Footprint(Map<String, Object> fromP3) throws Exception {
        log("P5 footprint");
        Map<String, Object> m = new LinkedHashMap<>(fromP3);
        int runs = quick ? 1 : 5;
        List<Double> fresh = new ArrayList<>();
        List<Double> full = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path empty = work.resolve("data-empty-" + i);
            deleteTree(empty);
            fresh.add(startTime(empty, "start-empty"));
            if (dataDir != null) {
                full.add(startTime(dataDir, "start-full"));
            }
            deleteTree(empty);
        }
        fresh.sort(null);
        full.sort(null);
        m.put("startSecondsEmptyMedian", round(fresh.get(fresh.size() / 2), 3));
        m.put("startSecondsEmptyMax", round(fresh.get(fresh.size() - 1), 3));
        if (!full.isEmpty()) {
            m.put("startSeconds" + events + "Median", round(full.get(full.size() / 2), 3));
            m.put("startSeconds" + events + "Max", round(full.get(full.size() - 1), 3));
        }
        double worst = Math.max(fresh.get(fresh.size() / 2), full.isEmpty() ? 0 : full.get(full.size() / 2));
        m.put("startRatioToTarget", round(worst / 1.5, 3));
        m.put("met", worst < 1.5);
        m.put("target", "start < 1.5 s (process spawn to first answered signed DescribeTrails, median of " + runs + ")");
        return m;
    }

    private double startTime(Path data, String name) throws Exception {
        int port = freePort();
        Signer signer = new Signer(KEY_ID, KEY_SECRET);
        long t0 = System.nanoTime();
        Process p = serverProcess(data, port, name);
        try {
            long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                try {
                    String answer = call(port, signer.uri(Map.of("Action", "DescribeTrails", "Version", "2020-07-06")));
                    if (answer.contains("TrailList")) {
                        return (System.nanoTime() - t0) / 1e9;
                    }
                } catch (IOException e) {
                    Thread.sleep(2);
                }
                if (!p.isAlive()) {
                    throw new IllegalStateException("server exited; see " + work.resolve(name + ".log"));
                }
            }
            throw new IllegalStateException("server did not answer in 60 s");
        } finally {
            stop(p);
        }
    }

    // ---------------------------------------------------------------- processes and HTTP

    private Process startServer(Path data, int port, String name) throws Exception {
        Process p = serverProcess(data, port, name);
        waitForPort(p, port, name);
        return p;
    }

    private Process serverProcess(Path data, int port, String name) throws IOException {
        if (!Files.exists(serverJar)) {
            throw new IllegalStateException("server jar not found: " + serverJar + " (mvn package first)");
        }
        List<String> args = new ArrayList<>(serverJvmArgs);
        args.addAll(List.of("-jar", serverJar.toString(), "serve", "--data", data.toString(), "--port",
                Integer.toString(port), "--account-id", ACCOUNT, "--access-key-id", KEY_ID,
                "--access-key-secret", KEY_SECRET));
        return spawn(args, name);
    }

    private Process startJava(List<String> args, String name, int port) throws Exception {
        Process p = spawn(args, name);
        waitForPort(p, port, name);
        return p;
    }

    private Process spawn(List<String> args, String name) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile()).start();
    }

    private void waitForPort(Process p, int port, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited: " + Files.readString(work.resolve(name + ".log")));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException(name + " did not listen on " + port);
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    /** One GET over a fresh connection; the body, whatever the status. */
    static String call(int port, String uri) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream o = s.getOutputStream();
            o.write(("GET " + uri + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            o.flush();
            InputStream in = s.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = raw.indexOf("\r\n\r\n");
            if (split < 0) {
                throw new IOException("no HTTP answer");
            }
            String head = raw.substring(0, split).toLowerCase(Locale.ROOT);
            String body = raw.substring(split + 4);
            if (head.contains("transfer-encoding: chunked")) {
                StringBuilder sb = new StringBuilder();
                BufferedReader r = new BufferedReader(new java.io.StringReader(body));
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    int size = Integer.parseInt(line.trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    char[] chunk = new char[size];
                    int read = 0;
                    while (read < size) {
                        read += r.read(chunk, read, size - read);
                    }
                    sb.append(chunk);
                    r.readLine();
                }
                return sb.toString();
            }
            return body;
        }
    }

    /** Resident memory of a process (VmRSS, VmHWM) in MiB, from /proc. */
    static Map<String, Object> rss(long pid) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.exists(status)) {
            m.put("unavailable", true);
            return m;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                m.put(line.substring(0, line.indexOf(':')) + "MiB", Math.round(kb / 1024.0));
            }
        }
        return m;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    static double round(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static void log(String s) {
        System.out.println("[bench " + java.time.LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + s);
        System.out.flush();
    }

    /** Counts the bytes written to it. */
    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

}
