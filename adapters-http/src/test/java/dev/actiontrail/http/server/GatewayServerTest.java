package dev.actiontrail.http.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Ticker;
import dev.actiontrail.core.identity.AccessKey;
import dev.actiontrail.core.identity.AccessKeys;
import dev.actiontrail.core.account.Account;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.api.IdSource;
import dev.actiontrail.core.event.AuditEvent;
import dev.actiontrail.core.event.EventQuery;
import dev.actiontrail.core.event.EventRecorder;
import dev.actiontrail.core.event.EventStore;
import dev.actiontrail.core.event.HistoryWindow;
import dev.actiontrail.core.event.LookupEventsService;
import dev.actiontrail.core.event.StoredEvent;
import dev.actiontrail.core.testing.InMemoryEventStore;
import dev.actiontrail.core.testing.InMemoryResourceDirectory;
import dev.actiontrail.core.delivery.DeliverySettings;
import dev.actiontrail.core.delivery.EventLog;
import dev.actiontrail.core.delivery.HistoryJobService;
import dev.actiontrail.core.delivery.LoggedEvent;
import dev.actiontrail.core.testing.InMemoryDeliveryLedger;
import dev.actiontrail.core.testing.InMemoryHistoryJobs;
import dev.actiontrail.core.testing.InMemoryTrailRepository;
import dev.actiontrail.core.testing.MutableClock;
import dev.actiontrail.core.trail.TrailService;
import dev.actiontrail.http.auth.Authenticator;
import dev.actiontrail.http.auth.NonceCache;
import dev.actiontrail.http.rpc.RpcApi;
import dev.actiontrail.core.identity.RamUser;
import dev.actiontrail.core.identity.SecurityTokens;
import dev.actiontrail.core.identity.SigningKeys;
import dev.actiontrail.core.testing.InMemoryIdentityStore;
import dev.actiontrail.http.spec.CallAuthorizer;
import dev.actiontrail.http.testing.Signer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real Vert.x {@link ApiServer} around a {@link Gateway} over the in-memory ports, driven over HTTP with requests
 * signed like the official clients (API reference notes §1.2–§1.8, §5).
 */
class GatewayServerTest {
    private static final AccountId ACCOUNT = AccountId.of("1234567890123456");
    private static final String DEFAULT_REGION = "cn-qingdao";
    private static final String V2020 = "2020-07-06";
    private static final Pattern UPPER_UUID =
            Pattern.compile("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_AGENT = "AlibabaCloud (Linux; amd64) Java/17 Core/4.7.3 HTTPClient/test";

    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final GatedEventStore events = new GatedEventStore();
    private final InMemoryResourceDirectory resources = new InMemoryResourceDirectory();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Signer signer = new Signer("testid", "testsecret", clock);
    private volatile boolean storeUp = true;
    private Signer inactiveKey;
    private ApiServer server;
    private boolean stopped;
    private int port;

    /** An event store whose next append can be held, to keep a request in flight. */
    private static final class GatedEventStore implements EventStore {
        final InMemoryEventStore store = new InMemoryEventStore();
        volatile CountDownLatch entered;
        volatile CountDownLatch release;
        volatile boolean failing;

        @Override
        public AppendResult append(AccountId account, List<AuditEvent> events) {
            CountDownLatch r = release;
            if (r != null) {
                entered.countDown();
                try {
                    r.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failing) {
                throw new IllegalStateException("store down");
            }
            return store.append(account, events);
        }

        @Override
        public List<StoredEvent> find(EventQuery query, int limit) {
            return store.find(query, limit);
        }

        @Override
        public long purgeBefore(Instant cutoff, long belowSeq) {
            return store.purgeBefore(cutoff, belowSeq);
        }

        @Override
        public long countBefore(Instant cutoff, long belowSeq) {
            return store.countBefore(cutoff, belowSeq);
        }
    }

    @BeforeEach
    void start() throws Exception {
        HistoryWindow window = HistoryWindow.DEFAULT;
        EventRecorder recorder = new EventRecorder(events, clock, window);
        InMemoryTrailRepository trailRepository = new InMemoryTrailRepository();
        InMemoryDeliveryLedger ledger = new InMemoryDeliveryLedger(() -> 0L);
        InMemoryHistoryJobs jobs = new InMemoryHistoryJobs();
        TrailService trails = new TrailService(trailRepository, resources, ledger, jobs, clock);
        LookupEventsService lookup = new LookupEventsService(events, clock, window);
        // history jobs are answered here; their backfill runs (and is tested) with the delivery adapters
        EventLog noLog = new EventLog() {
            @Override
            public long lastSeq() {
                return 0;
            }

            @Override
            public List<LoggedEvent> read(AccountId account, long afterSeq, long untilSeq, int limit) {
                return List.of();
            }
        };
        HistoryJobService historyJobs = new HistoryJobService(trailRepository, jobs, noLog, ledger, List.of(), clock,
                window, DeliverySettings.DEFAULT);
        IdSource ids = IdSource.random();
        RpcApi api = new RpcApi(trails, lookup, historyJobs, resources);
        InMemoryIdentityStore identities = new InMemoryIdentityStore();
        identities.createAccount(ACCOUNT, clock.instant());
        identities.insertUser(new RamUser(ACCOUNT, "2000000000000001", "alice", "", "", "", "", clock.instant(),
                clock.instant(), null));
        AccessKeys keys = new AccessKeys(identities, clock);
        keys.supply(ACCOUNT, "testid", "testsecret");
        AccessKey alice = keys.create(ACCOUNT, "alice");
        keys.setStatus(alice.accessKeyId(), AccessKey.Status.Inactive);
        inactiveKey = new Signer(alice.accessKeyId(), alice.accessKeySecret(), clock);
        Authenticator auth = new Authenticator(new SigningKeys(keys, identities, new SecurityTokens(identities, clock)),
                new NonceCache(Authenticator.SKEW, 100_000, Ticker.systemTicker()), clock);
        Account account = Account.of(ACCOUNT, null);
        Gateway gateway = new Gateway(List.of(api), auth, CallAuthorizer.ALLOW_ALL, recorder, id -> account,
                DEFAULT_REGION, ids, clock);
        server = new ApiServer(gateway, () -> storeUp, "9.9.9-test");
        port = server.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        CountDownLatch r = events.release;
        if (r != null) {
            r.countDown();
        }
        if (!stopped) {
            server.stop(Duration.ofSeconds(5));
        }
    }

    // ---- client side -------------------------------------------------------------------------------------

    /** One HTTP answer. */
    record Reply(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String code() {
            return json().path("Code").asText(null);
        }

        String requestId() {
            return json().path("RequestId").asText();
        }
    }

    private Reply send(String method, String pathAndQuery, Map<String, String> headers, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(20));
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The common parameters of {@code by} plus the API parameters, signed: the legacy SDK's query. */
    private static Map<String, String> legacyParams(Signer by, String method, String action, String version,
                                                    Map<String, String> api) {
        Map<String, String> all = by.common(action, version);
        all.putAll(api);
        return by.signV1(method, all, Map.of());
    }

    private static Map<String, String> legacyHeaders(String action, String version) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/json");
        h.put("Content-Type", "application/x-www-form-urlencoded");
        h.put("x-acs-action", action);
        h.put("x-acs-version", version);
        h.put("x-sdk-client", "Java/2.0.0");
        h.put("User-Agent", USER_AGENT);
        return h;
    }

    /** Legacy SDK shape: every parameter in the query; POST with an empty form body, or GET. */
    private Reply legacy(String method, String path, String action, Map<String, String> api) {
        return legacy(signer, method, path, action, V2020, api);
    }

    private Reply legacy(Signer by, String method, String path, String action, String version,
                         Map<String, String> api) {
        String query = Signer.query(legacyParams(by, method, action, version, api));
        return send(method, path + "?" + query, legacyHeaders(action, version), method.equals("GET") ? null : "");
    }

    private Reply legacy(String action, Map<String, String> api) {
        return legacy("POST", "/", action, api);
    }

    /** Tea 2.0.0 shape: POST, common parameters in the query, API parameters in a form body ({@code +} spaces). */
    private Reply tea(String path, String action, Map<String, String> api) {
        Map<String, String> common = signer.common(action, V2020);
        common.put("Format", "json");
        Map<String, String> query = signer.signV1("POST", common, api);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("x-acs-action", action);
        headers.put("x-acs-version", V2020);
        headers.put("User-Agent", USER_AGENT + " tea-util/0.2.6 TeaDSL/1");
        return send("POST", path + "?" + Signer.query(query), headers, Signer.form(api));
    }

    /** Later Tea SDKs: ACS3-HMAC-SHA256 in Authorization, API parameters in the query, no Action/Version. */
    private Reply v3(String method, String action, Map<String, String> query) {
        Signer.V3 signed = signer.signV3(method, "127.0.0.1:" + port, action, V2020, query, new byte[0], Map.of(),
                "x-acs-action;host;x-acs-date;x-acs-version;x-acs-content-sha256;x-acs-signature-nonce");
        Map<String, String> headers = new LinkedHashMap<>();
        signed.headers().forEach((k, v) -> {
            if (!k.equals("host")) {
                headers.put(k, v);
            }
        });
        headers.put("Authorization", signed.authorization());
        headers.put("Accept", "application/json");
        headers.put("User-Agent", USER_AGENT);
        return send(method, "/" + (query.isEmpty() ? "" : "?" + Signer.query(query)), headers,
                method.equals("GET") ? null : "");
    }

    /** A raw HTTP/1.1 exchange (java.net.http cannot set Host). */
    private Reply raw(String method, String pathAndQuery, Map<String, String> headers, String body)
            throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder req = new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\n");
        headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
        req.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String[] head = text.substring(0, split).split("\r\n");
            int status = Integer.parseInt(head[0].split(" ")[1]);
            String type = "";
            for (String h : head) {
                if (h.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    type = h.substring(h.indexOf(':') + 1).trim();
                }
            }
            return new Reply(status, type, text.substring(split + 4));
        }
    }

    /** The events of the account, newest first (a signed LookupEvents, itself recorded afterwards). */
    private List<JsonNode> lookup(Map<String, String> filters) {
        Map<String, String> params = new LinkedHashMap<>(filters);
        params.put("MaxResults", "50");
        Reply r = legacy("LookupEvents", params);
        assertEquals(200, r.status(), r.body());
        JsonNode events = r.json().get("Events");
        assertTrue(events.isArray(), r.body());
        List<JsonNode> out = new ArrayList<>();
        events.forEach(out::add);
        return out;
    }

    private List<JsonNode> lookup() {
        return lookup(Map.of());
    }

    private JsonNode eventOf(String requestId) {
        return lookup(Map.of("LookupAttribute.1.Key", "EventId", "LookupAttribute.1.Value", requestId)).stream()
                .findFirst().orElseThrow(() -> new AssertionError("no event " + requestId));
    }

    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private Reply createTrail(String name, String bucket) {
        resources.addBucket(ACCOUNT, bucket);
        return legacy("CreateTrail", params("Name", name, "OssBucketName", bucket));
    }

    private static void assertJson(Reply r) {
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertSuccess(Reply r) {
        assertEquals(200, r.status(), r.body());
        assertJson(r);
        JsonNode body = r.json();
        assertTrue(body.isObject(), r.body());
        assertEquals("RequestId", fieldNames(body).get(0), r.body());
        assertTrue(UPPER_UUID.matcher(body.get("RequestId").asText()).matches(), r.body());
    }

    private static void assertError(Reply r, int status, String code) {
        assertEquals(status, r.status(), r.body());
        assertJson(r);
        JsonNode body = r.json();
        assertEquals(List.of("RequestId", "HostId", "Code", "Message", "Recommend"), fieldNames(body), r.body());
        assertEquals(code, body.get("Code").asText(), r.body());
        String requestId = body.get("RequestId").asText();
        assertTrue(UPPER_UUID.matcher(requestId).matches(), r.body());
        assertTrue(body.get("HostId").asText().matches("actiontrail\\.[a-z0-9-]+\\.aliyuncs\\.com"), r.body());
        assertFalse(body.get("Message").asText().isEmpty(), r.body());
        assertEquals("https://api.aliyun.com/troubleshoot?q=" + code + "&product=Actiontrail&requestId=" + requestId,
                body.get("Recommend").asText());
    }

    private static Document xml(Reply r) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> children(Element e, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE && nodes.item(i).getNodeName().equals(name)) {
                out.add((Element) nodes.item(i));
            }
        }
        return out;
    }

    private static String child(Element e, String name) {
        List<Element> c = children(e, name);
        assertEquals(1, c.size(), "one <" + name + "> in <" + e.getNodeName() + ">");
        return c.get(0).getTextContent();
    }

    // ---- wire shapes (§1.2) -------------------------------------------------------------------------------

    @Test
    void legacyPostWithEveryParameterInTheQueryAndAnEmptyBody() {
        createTrail("trail-one", "bucket-one");
        Reply r = legacy("DescribeTrails", params("NameList", "trail-one", "IncludeShadowTrails", "false"));
        assertSuccess(r);
        JsonNode body = r.json();
        assertEquals(List.of("RequestId", "TrailList"), fieldNames(body), "flat, no wrapper: " + r.body());
        assertTrue(body.get("TrailList").isArray());
        assertEquals(1, body.get("TrailList").size(), r.body());
        assertEquals("trail-one", body.get("TrailList").get(0).get("Name").asText());
        assertEquals(DEFAULT_REGION, body.get("TrailList").get(0).get("HomeRegion").asText());
        assertEquals("Fresh", body.get("TrailList").get(0).get("Status").asText());
    }

    @Test
    void legacyGet() {
        createTrail("trail-one", "bucket-one");
        legacy("StartLogging", params("Name", "trail-one"));
        Reply r = legacy("GET", "/", "StopLogging", params("Name", "trail-one"));
        assertSuccess(r);
        assertEquals(List.of("RequestId"), fieldNames(r.json()));
        Reply status = legacy("GET", "/", "GetTrailStatus", params("Name", "trail-one"));
        assertSuccess(status);
        assertFalse(status.json().get("IsLogging").asBoolean(true), status.body());
        assertTrue(status.json().get("IsLogging").isBoolean(), status.body());
    }

    @Test
    void teaShapeWithApiParametersInAFormBodyIsVerifiedOverTheUnion() {
        createTrail("trail-one", "bucket-one");
        Map<String, String> api = params("IncludeOrganizationTrail", "false", "NameList", "trail-one,other-trail",
                "IncludeShadowTrails", "true", "Note", "p 1+2 = ~*");
        Reply r = tea("/", "DescribeTrails", api);
        assertSuccess(r);
        assertEquals(1, r.json().get("TrailList").size(), r.body());
        // the body's form encoding ("+" for a space) was decoded before checking the signature and recording
        assertTrue(Signer.form(api).contains("Note=p+1%2B2+%3D+%7E*"), Signer.form(api));
        assertEquals("p 1+2 = ~*", eventOf(r.requestId()).get("requestParameters").get("Note").asText());
    }

    @Test
    void teaShapeWithAWrongSecretTellsTheServerStringToSign() {
        Map<String, String> api = params("NameList", "a b,c", "IncludeShadowTrails", "true");
        Signer wrong = new Signer("testid", "wrong-secret", clock);
        Map<String, String> common = wrong.common("DescribeTrails", V2020);
        Map<String, String> query = wrong.signV1("POST", common, api);
        Map<String, String> all = new LinkedHashMap<>(common);
        all.putAll(api);
        Reply r = send("POST", "/?" + Signer.query(query),
                Map.of("Content-Type", "application/x-www-form-urlencoded"), Signer.form(api));
        assertError(r, 400, "SignatureDoesNotMatch");
        assertTrue(r.json().get("Message").asText()
                .endsWith("server string to sign is:" + Signer.v1StringToSign("POST", all)), r.body());
    }

    @Test
    void formBodyIsIgnoredWhenNotFormEncoded() {
        Map<String, String> api = params("NameList", "trail-one");
        Map<String, String> query = signer.signV1("POST", signer.common("DescribeTrails", V2020), api);
        Reply r = send("POST", "/?" + Signer.query(query), Map.of("Content-Type", "application/json"),
                Signer.form(api));
        assertError(r, 400, "SignatureDoesNotMatch");
    }

    @Test
    void v3WithApiParametersInTheQuery() {
        createTrail("trail-one", "bucket-one");
        Reply r = v3("POST", "DescribeTrails", params("IncludeShadowTrails", "true", "NameList", "trail-one"));
        assertSuccess(r);
        assertEquals(1, r.json().get("TrailList").size(), r.body());
        JsonNode event = eventOf(r.requestId());
        assertEquals("DescribeTrails", event.get("eventName").asText());
        assertEquals(V2020, event.get("apiVersion").asText());
        assertEquals("testid", event.get("userIdentity").get("accessKeyId").asText());
        assertEquals("trail-one", event.get("requestParameters").get("NameList").asText());
    }

    @Test
    void v3Get() {
        Reply r = v3("GET", "DescribeRegions", Map.of());
        assertSuccess(r);
        assertTrue(r.json().get("Regions").get("Region").isArray(), r.body());
    }

    @Test
    void v3WithAWrongSecretIsNotMatched() {
        Signer wrong = new Signer("testid", "nope", clock);
        Signer.V3 signed = wrong.signV3("POST", "127.0.0.1:" + port, "DescribeRegions", V2020, Map.of(), new byte[0],
                Map.of(), null);
        Map<String, String> headers = new LinkedHashMap<>(signed.headers());
        headers.remove("host");
        headers.put("Authorization", signed.authorization());
        Reply r = send("POST", "/", headers, "");
        assertError(r, 400, "SignatureDoesNotMatch");
    }

    @Test
    void v3BodyNotMatchingItsHashIsNotMatched() {
        Signer.V3 signed = signer.signV3("POST", "127.0.0.1:" + port, "DescribeRegions", V2020, Map.of(),
                new byte[0], Map.of(), null);
        Map<String, String> headers = new LinkedHashMap<>(signed.headers());
        headers.remove("host");
        headers.put("Authorization", signed.authorization());
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        Reply r = send("POST", "/", headers, "AcceptLanguage=en-US");
        assertError(r, 400, "SignatureDoesNotMatch");
    }

    @Test
    void v3MalformedAuthorizationIsIncompleteSignature() {
        Reply r = send("POST", "/", Map.of("Authorization", "ACS3-HMAC-SHA256 Credential=testid",
                "x-acs-action", "DescribeRegions", "x-acs-version", V2020), "");
        assertError(r, 400, "IncompleteSignature");
    }

    @Test
    void clientOfferingAnH2cUpgradeIsAnswered() throws Exception {
        HttpClient h2 = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(); // prefers HTTP/2
        for (String method : List.of("GET", "POST")) {
            String query = Signer.query(legacyParams(signer, method, "DescribeRegions", V2020, Map.of()));
            HttpResponse<String> r = h2.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?" + query))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(""))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), method + " " + r.version() + " " + r.body());
        }
        Map<String, String> api = params("AcceptLanguage", "en-US");
        Map<String, String> query = signer.signV1("POST", signer.common("DescribeRegions", V2020), api);
        HttpResponse<String> r = h2.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?"
                        + Signer.query(query)))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Signer.form(api))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.version() + " " + r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/actiontrail", "/some/deeper/path", "/index.html"})
    void anyPathAnswersTheApi(String path) {
        assertSuccess(legacy("POST", path, "DescribeRegions", Map.of()));
        assertSuccess(legacy("GET", path, "DescribeRegions", Map.of()));
        assertSuccess(tea(path, "DescribeRegions", params("AcceptLanguage", "en-US")));
    }

    @Test
    void requestIdsAreFreshUpperCaseUuids() {
        Reply a = legacy("DescribeRegions", Map.of());
        Reply b = legacy("DescribeRegions", Map.of());
        assertSuccess(a);
        assertSuccess(b);
        assertFalse(a.requestId().equals(b.requestId()));
        assertFalse(a.requestId().equals(a.requestId().toLowerCase(Locale.ROOT)), "has hex letters, upper-case");
    }

    // ---- rendering (§1.7) ---------------------------------------------------------------------------------

    @Test
    void describeRegionsNestsRegionsRegion() {
        Reply r = legacy("DescribeRegions", params("AcceptLanguage", "en-US"));
        assertSuccess(r);
        assertEquals(List.of("RequestId", "Regions"), fieldNames(r.json()));
        JsonNode regions = r.json().get("Regions");
        assertEquals(List.of("Region"), fieldNames(regions));
        JsonNode list = regions.get("Region");
        assertTrue(list.isArray() && list.size() >= 20, r.body());
        boolean hangzhou = false;
        for (JsonNode region : list) {
            assertTrue(region.get("RegionId").isTextual(), region.toString());
            assertTrue(region.has("LocalName") && region.has("RegionEndpoint"), region.toString());
            if (region.get("RegionId").asText().equals("cn-hangzhou")) {
                hangzhou = true;
                assertEquals("actiontrail.cn-hangzhou.aliyuncs.com", region.get("RegionEndpoint").asText());
            }
        }
        assertTrue(hangzhou, r.body());
    }

    @Test
    void legacyVersionDescribeRegionsItemsCarryOnlyRegionId() {
        Reply r = legacy(signer, "POST", "/", "DescribeRegions", "2017-12-04", Map.of());
        assertSuccess(r);
        for (JsonNode region : r.json().get("Regions").get("Region")) {
            assertEquals(List.of("RegionId"), fieldNames(region));
        }
    }

    @Test
    void formatXmlRendersTheActionResponseDocument() throws Exception {
        Reply r = legacy("DescribeRegions", params("Format", "XML"));
        assertEquals(200, r.status(), r.body());
        assertTrue(r.contentType().startsWith("text/xml"), r.contentType());
        Element root = xml(r).getDocumentElement();
        assertEquals("DescribeRegionsResponse", root.getNodeName());
        assertTrue(UPPER_UUID.matcher(child(root, "RequestId")).matches(), r.body());
        List<Element> regions = children(root, "Regions");
        assertEquals(1, regions.size(), r.body());
        List<Element> items = children(regions.get(0), "Region");
        assertTrue(items.size() >= 20, r.body());
        assertFalse(child(items.get(0), "RegionId").isEmpty());
        assertTrue(r.body().contains("<DescribeRegionsResponse><RequestId>"), r.body());
    }

    @Test
    void formatXmlRepeatsTheElementNameOfAnArray() throws Exception {
        createTrail("trail-one", "bucket-one");
        createTrail("trail-two", "bucket-two");
        Reply r = legacy("DescribeTrails", params("Format", "XML"));
        assertEquals(200, r.status(), r.body());
        Element root = xml(r).getDocumentElement();
        assertEquals("DescribeTrailsResponse", root.getNodeName());
        List<Element> trails = children(root, "TrailList");
        assertEquals(2, trails.size(), r.body());
        assertEquals(List.of("trail-one", "trail-two"), trails.stream().map(t -> child(t, "Name")).sorted().toList());
    }

    @Test
    void formatIsCaseInsensitive() {
        Reply r = legacy("DescribeRegions", params("Format", "xml"));
        assertTrue(r.contentType().startsWith("text/xml"), r.contentType());
        assertTrue(r.body().contains("<DescribeRegionsResponse>"), r.body());
        assertJson(tea("/", "DescribeRegions", Map.of()));
    }

    @Test
    void formatXmlErrorsAreErrorDocuments() throws Exception {
        Reply r = legacy("NoSuchAction", params("Format", "XML"));
        assertEquals(404, r.status(), r.body());
        assertTrue(r.contentType().startsWith("text/xml"), r.contentType());
        Element root = xml(r).getDocumentElement();
        assertEquals("Error", root.getNodeName());
        assertEquals("InvalidAction", child(root, "Code"));
        assertTrue(UPPER_UUID.matcher(child(root, "RequestId")).matches(), r.body());
        assertEquals("actiontrail." + DEFAULT_REGION + ".aliyuncs.com", child(root, "HostId"));
        assertEquals("The specified Action is invalid.", child(root, "Message"));
        assertTrue(child(root, "Recommend").contains("q=InvalidAction"), r.body());
    }

    @Test
    void formatXmlGatewayErrorsAreErrorDocumentsToo() throws Exception {
        Signer wrong = new Signer("testid", "wrong", clock);
        Reply r = legacy(wrong, "POST", "/", "DescribeRegions", V2020, params("Format", "XML"));
        assertEquals(400, r.status(), r.body());
        assertTrue(r.contentType().startsWith("text/xml"), r.contentType());
        Element root = xml(r).getDocumentElement();
        assertEquals("Error", root.getNodeName());
        assertEquals("SignatureDoesNotMatch", child(root, "Code"));
    }

    @Test
    void lookupEventsEmbedsEventsAsObjects() {
        legacy("DescribeRegions", Map.of());
        Reply r = legacy("LookupEvents", Map.of());
        assertSuccess(r);
        JsonNode body = r.json();
        assertEquals(List.of("RequestId", "StartTime", "EndTime", "Events"), fieldNames(body), r.body());
        assertEquals("2026-02-22T10:00:00Z", body.get("StartTime").asText());
        assertEquals("2026-03-01T10:00:00Z", body.get("EndTime").asText());
        assertEquals(1, body.get("Events").size(), r.body());
        assertTrue(body.get("Events").get(0).isObject(), r.body());
    }

    // ---- errors (§1.7, §1.8) ------------------------------------------------------------------------------

    @Test
    void signatureDoesNotMatch400() {
        Map<String, String> query = legacyParams(signer, "POST", "DescribeRegions", V2020, Map.of());
        query.put("AcceptLanguage", "en-US"); // added after signing
        Reply r = send("POST", "/?" + Signer.query(query), legacyHeaders("DescribeRegions", V2020), "");
        assertError(r, 400, "SignatureDoesNotMatch");
        assertTrue(r.json().get("Message").asText().contains("server string to sign is:POST&%2F&"), r.body());
    }

    @Test
    void unknownAccessKey404() {
        Reply r = legacy(new Signer("nosuchkey", "testsecret", clock), "POST", "/", "DescribeRegions", V2020,
                Map.of());
        assertError(r, 404, "InvalidAccessKeyId.NotFound");
    }

    @Test
    void inactiveAccessKey400() {
        Reply r = legacy(inactiveKey, "POST", "/", "DescribeRegions", V2020, Map.of());
        assertError(r, 400, "InvalidAccessKeyId.Inactive");
    }

    @Test
    void replayedRequestIsSignatureNonceUsed400() {
        String query = Signer.query(legacyParams(signer, "POST", "DescribeRegions", V2020, Map.of()));
        Reply first = send("POST", "/?" + query, legacyHeaders("DescribeRegions", V2020), "");
        assertSuccess(first);
        Reply replay = send("POST", "/?" + query, legacyHeaders("DescribeRegions", V2020), "");
        assertError(replay, 400, "SignatureNonceUsed");
    }

    @ParameterizedTest
    @ValueSource(longs = {-20, 20})
    void timestampOutsideFifteenMinutesIsExpired400(long minutes) {
        Signer skewed = new Signer("testid", "testsecret", Clock.offset(clock, Duration.ofMinutes(minutes)));
        Reply r = legacy(skewed, "POST", "/", "DescribeRegions", V2020, Map.of());
        assertError(r, 400, "InvalidTimeStamp.Expired");
    }

    @Test
    void missingCommonParameter400() {
        Map<String, String> query = legacyParams(signer, "POST", "DescribeRegions", V2020, Map.of());
        query.remove("SignatureNonce");
        Reply r = send("POST", "/?" + Signer.query(query), legacyHeaders("DescribeRegions", V2020), "");
        assertError(r, 400, "MissingParameter");
        assertTrue(r.json().get("Message").asText().contains("\"SignatureNonce\""), r.body());
    }

    @Test
    void missingApiParameter400() {
        // 2017-12-04 CreateTrail requires OssBucketName and RoleName
        Reply r = legacy(signer, "POST", "/", "CreateTrail", "2017-12-04", params("Name", "trail-one"));
        assertError(r, 400, "MissingParameter");
    }

    @Test
    void unsignedRequestIsMissingParameter() {
        Reply r = send("GET", "/?Action=DescribeRegions&Version=2020-07-06", Map.of(), null);
        assertError(r, 400, "MissingParameter");
    }

    @Test
    void unknownActionIsInvalidAction404() {
        assertError(legacy("DescribeFoo", Map.of()), 404, "InvalidAction");
        assertError(v3("POST", "GetAccessKeyLastUsedInfo", Map.of()), 404, "InvalidAction");
    }

    @Test
    void unknownVersionIsInvalidVersion400() {
        Reply r = legacy(signer, "POST", "/", "DescribeRegions", "2015-09-28", Map.of());
        assertError(r, 400, "InvalidVersion");
    }

    @Test
    void unknownTrailIsTrailNotFound404() {
        assertError(legacy("GetTrailStatus", params("Name", "no-such-trail")), 404, "TrailNotFoundException");
        assertError(tea("/", "DeleteTrail", params("Name", "no-such-trail")), 404, "TrailNotFoundException");
        assertError(v3("POST", "StartLogging", params("Name", "no-such-trail")), 404, "TrailNotFoundException");
    }

    @Test
    void sixthTrailOfARegionIsMaximumNumberOfTrailsExceeded403() {
        for (int i = 1; i <= 5; i++) {
            assertSuccess(createTrail("trail-" + i + "x", "bucket-" + i));
        }
        Reply r = createTrail("trail-6x", "bucket-6");
        assertError(r, 403, "MaximumNumberOfTrailsExceededException");
        assertEquals("The number of Trails in the same region exceeds the upper limit (5).",
                r.json().get("Message").asText());
        // another region still has room
        resources.addBucket(ACCOUNT, "bucket-7");
        assertSuccess(legacy("CreateTrail", params("Name", "trail-7x", "OssBucketName", "bucket-7",
                "RegionId", "cn-beijing")));
    }

    // ---- region (§1.1) ------------------------------------------------------------------------------------

    @Test
    void regionFromRegionId() {
        Reply r = legacy("GetTrailStatus", params("Name", "no-such-trail", "RegionId", "cn-beijing"));
        assertError(r, 404, "TrailNotFoundException");
        assertEquals("actiontrail.cn-beijing.aliyuncs.com", r.json().get("HostId").asText());
        JsonNode event = eventOf(r.requestId());
        assertEquals("cn-beijing", event.get("acsRegion").asText());
        assertEquals("actiontrail.cn-beijing.aliyuncs.com", event.get("eventSource").asText());
    }

    @Test
    void regionFromTheHostHeader() throws Exception {
        Map<String, String> query = legacyParams(signer, "POST", "GetTrailStatus", V2020,
                params("Name", "no-such-trail"));
        Reply r = raw("POST", "/?" + Signer.query(query), Map.of("Host", "actiontrail.cn-shanghai.aliyuncs.com",
                "Content-Type", "application/x-www-form-urlencoded"), "");
        assertError(r, 404, "TrailNotFoundException");
        assertEquals("actiontrail.cn-shanghai.aliyuncs.com", r.json().get("HostId").asText());
        assertEquals("cn-shanghai", eventOf(r.requestId()).get("acsRegion").asText());
    }

    @Test
    void regionFromTheHostHeaderWithAPortAndVpcEndpoint() throws Exception {
        Map<String, String> query = legacyParams(signer, "GET", "GetTrailStatus", V2020,
                params("Name", "no-such-trail"));
        Reply r = raw("GET", "/?" + Signer.query(query),
                Map.of("Host", "actiontrail-vpc.cn-shenzhen.aliyuncs.com:" + port), "");
        assertEquals("actiontrail.cn-shenzhen.aliyuncs.com", r.json().get("HostId").asText(), r.body());
    }

    @Test
    void regionFromTheSignedHostOfAV3Request() throws Exception {
        String host = "actiontrail.cn-shanghai.aliyuncs.com";
        resources.addBucket(ACCOUNT, "bucket-sh");
        Map<String, String> query = params("Name", "trail-sh", "OssBucketName", "bucket-sh");
        Signer.V3 signed = signer.signV3("POST", host, "CreateTrail", V2020, query, new byte[0], Map.of(), null);
        Map<String, String> headers = new LinkedHashMap<>(signed.headers());
        headers.remove("host");
        headers.put("Host", host);
        headers.put("Authorization", signed.authorization());
        Reply r = raw("POST", "/?" + Signer.query(query), headers, "");
        assertSuccess(r);
        assertEquals("cn-shanghai", r.json().get("HomeRegion").asText(), r.body());
        JsonNode event = eventOf(r.requestId());
        assertEquals("cn-shanghai", event.get("acsRegion").asText());
        assertEquals("CreateTrail", event.get("eventName").asText());
    }

    @Test
    void regionIdWinsOverTheHost() throws Exception {
        Map<String, String> query = legacyParams(signer, "POST", "GetTrailStatus", V2020,
                params("Name", "no-such-trail", "RegionId", "cn-beijing"));
        Reply r = raw("POST", "/?" + Signer.query(query), Map.of("Host", "actiontrail.cn-shanghai.aliyuncs.com"), "");
        assertEquals("actiontrail.cn-beijing.aliyuncs.com", r.json().get("HostId").asText(), r.body());
    }

    @Test
    void regionDefaultsWithoutRegionIdOrRecognisedHost() {
        Reply r = legacy("GetTrailStatus", params("Name", "no-such-trail"));
        assertEquals("actiontrail." + DEFAULT_REGION + ".aliyuncs.com", r.json().get("HostId").asText());
        assertEquals(DEFAULT_REGION, eventOf(r.requestId()).get("acsRegion").asText());
    }

    @Test
    void regionOfAnUnauthenticatedCallStillNamesTheHost() {
        Reply r = legacy(new Signer("testid", "wrong", clock), "POST", "/", "DescribeRegions", V2020,
                params("RegionId", "cn-beijing"));
        assertError(r, 400, "SignatureDoesNotMatch");
        assertEquals("actiontrail.cn-beijing.aliyuncs.com", r.json().get("HostId").asText());
    }

    // ---- recording (§5) -----------------------------------------------------------------------------------

    @Test
    void everyAuthenticatedCallIsRecordedAndNothingElse() {
        Reply create = createTrail("trail-one", "bucket-one");
        assertSuccess(create);
        Reply status = v3("POST", "GetTrailStatus", params("Name", "trail-one"));
        assertSuccess(status);
        Reply start = tea("/", "StartLogging", params("Name", "trail-one"));
        assertSuccess(start);
        Reply missing = legacy("GetTrailStatus", params("Name", "no-such-trail"));
        assertError(missing, 404, "TrailNotFoundException");
        Reply forged = legacy(new Signer("testid", "wrong", clock), "POST", "/", "StopLogging", V2020,
                params("Name", "trail-one"));
        assertError(forged, 400, "SignatureDoesNotMatch");
        Reply stranger = legacy(new Signer("nosuchkey", "x", clock), "POST", "/", "StopLogging", V2020,
                params("Name", "trail-one"));
        assertError(stranger, 404, "InvalidAccessKeyId.NotFound");
        Reply regions = legacy("GET", "/", "DescribeRegions", Map.of());
        assertSuccess(regions);

        List<JsonNode> events = lookup();
        List<String> ids = events.stream().map(e -> e.get("eventId").asText()).toList();
        assertEquals(List.of(regions.requestId(), missing.requestId(), start.requestId(), status.requestId(),
                create.requestId()), ids, "newest first, unauthenticated calls absent");
        assertTrue(events.stream().noneMatch(e -> e.get("eventName").asText().equals("StopLogging")));

        // the LookupEvents call itself is recorded too
        List<JsonNode> again = lookup();
        assertEquals(6, again.size());
        assertEquals("LookupEvents", again.get(0).get("eventName").asText());
        assertEquals("Read", again.get(0).get("eventRW").asText());
    }

    @Test
    void recordedEventShape() {
        Reply create = createTrail("trail-one", "bucket-one");
        assertSuccess(create);
        JsonNode e = eventOf(create.requestId());
        assertEquals(create.requestId(), e.get("eventId").asText());
        assertEquals(create.requestId(), e.get("requestId").asText());
        assertTrue(e.get("eventVersion").isNumber(), e.toString());
        assertEquals(1, e.get("eventVersion").asInt());
        assertEquals("CreateTrail", e.get("eventName").asText());
        assertEquals("actiontrail." + DEFAULT_REGION + ".aliyuncs.com", e.get("eventSource").asText());
        assertEquals("2026-03-01T10:00:00Z", e.get("eventTime").asText());
        assertEquals("ApiCall", e.get("eventType").asText());
        assertEquals("Write", e.get("eventRW").asText());
        assertEquals("Management", e.get("eventCategory").asText());
        assertEquals(DEFAULT_REGION, e.get("acsRegion").asText());
        assertEquals("Actiontrail", e.get("serviceName").asText());
        assertEquals(V2020, e.get("apiVersion").asText());
        assertEquals("127.0.0.1", e.get("sourceIpAddress").asText());
        assertEquals(USER_AGENT, e.get("userAgent").asText());
        assertEquals("ACS::ActionTrail::Trail", e.get("resourceType").asText());
        assertEquals("trail-one", e.get("resourceName").asText());
        assertFalse(e.has("errorCode"), e.toString());

        JsonNode id = e.get("userIdentity");
        assertEquals("root-account", id.get("type").asText());
        assertEquals(ACCOUNT.value(), id.get("accountId").asText());
        assertEquals(ACCOUNT.value(), id.get("principalId").asText());
        assertEquals("testid", id.get("accessKeyId").asText());
        assertEquals("root", id.get("userName").asText());

        JsonNode req = e.get("requestParameters");
        assertEquals("trail-one", req.get("Name").asText());
        assertEquals("bucket-one", req.get("OssBucketName").asText());
        for (String secret : List.of("Signature", "SignatureNonce", "AccessKeyId", "Timestamp", "SignatureMethod",
                "SignatureVersion")) {
            assertFalse(req.has(secret), secret + " recorded: " + req);
        }
        assertFalse(req.toString().contains("testsecret"), req.toString());
        assertEquals(DEFAULT_REGION, req.get("RegionId").asText());
        assertEquals("actiontrail." + DEFAULT_REGION + ".aliyuncs.com", req.get("AcsHost").asText());
        assertEquals(create.requestId(), req.get("RequestId").asText());

        JsonNode response = e.get("responseElements");
        assertNotNull(response, e.toString());
        assertEquals("trail-one", response.get("Name").asText());
        assertFalse(response.has("RequestId"), response.toString());
    }

    @Test
    void onlySuccessfulWritesRecordTheirResponse() {
        Reply read = legacy("DescribeRegions", Map.of());
        assertSuccess(read);
        assertFalse(eventOf(read.requestId()).has("responseElements"));
        createTrail("trail-one", "bucket-one");
        Reply write = legacy("StartLogging", params("Name", "trail-one"));
        assertSuccess(write);
        JsonNode response = eventOf(write.requestId()).get("responseElements");
        assertNotNull(response);
        assertTrue(response.isObject() && response.isEmpty(), response.toString());
    }

    @Test
    void aParameterRepeatedOutsideTheSignedSetCannotOverrideTheSignedValue() {
        createTrail("trail-one", "bucket-one");
        createTrail("trail-two", "bucket-two");
        // Tea shape: Name signed in the form body; an unsigned Name added to the query afterwards
        Map<String, String> api = params("Name", "trail-one");
        Map<String, String> query = signer.signV1("POST", signer.common("DeleteTrail", V2020), api);
        Reply r = send("POST", "/?" + Signer.query(query) + "&Name=trail-two",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), Signer.form(api));
        if (r.status() == 200) {
            assertEquals("trail-one", eventOf(r.requestId()).get("requestParameters").get("Name").asText());
        } else {
            assertError(r, 400, "SignatureDoesNotMatch");
        }
        JsonNode left = legacy("DescribeTrails", Map.of()).json().get("TrailList");
        List<String> names = new ArrayList<>();
        left.forEach(t -> names.add(t.get("Name").asText()));
        assertTrue(names.contains("trail-two"), "the unsigned value was acted on: " + names);
    }

    @Test
    void aRepeatedQueryParameterIsReadTheSameWayForSigningAndForActing() {
        createTrail("trail-one", "bucket-one");
        createTrail("trail-two", "bucket-two");
        Map<String, String> query = legacyParams(signer, "POST", "DeleteTrail", V2020, params("Name", "trail-one"));
        Reply r = send("POST", "/?" + Signer.query(query) + "&Name=trail-two", legacyHeaders("DeleteTrail", V2020),
                "");
        assertSuccess(r);
        JsonNode left = legacy("DescribeTrails", Map.of()).json().get("TrailList");
        assertEquals(1, left.size(), left.toString());
        assertEquals("trail-two", left.get(0).get("Name").asText());
    }

    @Test
    void v3CredentialsAreNotRecorded() {
        Reply r = v3("POST", "DescribeTrails", params("NameList", "trail-one"));
        assertSuccess(r);
        JsonNode req = eventOf(r.requestId()).get("requestParameters");
        assertEquals("trail-one", req.get("NameList").asText());
        String text = req.toString();
        assertFalse(text.contains("ACS3-HMAC-SHA256"), text);
        assertFalse(text.toLowerCase(Locale.ROOT).contains("signature"), text);
    }

    @Test
    void failedCallsRecordTheirErrorCode() {
        Reply r = legacy("GetTrailStatus", params("Name", "no-such-trail"));
        JsonNode e = eventOf(r.requestId());
        assertEquals("TrailNotFoundException", e.get("errorCode").asText());
        assertEquals("The specified Trail does not exist.", e.get("errorMessage").asText());
        assertEquals("Read", e.get("eventRW").asText());
        assertEquals("ACS::ActionTrail::Trail", e.get("resourceType").asText());
        assertEquals("no-such-trail", e.get("resourceName").asText());
        assertFalse(e.has("responseElements"), e.toString());

        Reply unknown = legacy("FrobnicateTrail", params("Name", "trail-one"));
        JsonNode u = eventOf(unknown.requestId());
        assertEquals("FrobnicateTrail", u.get("eventName").asText());
        assertEquals("InvalidAction", u.get("errorCode").asText());
        assertEquals("Write", u.get("eventRW").asText());
        assertFalse(u.has("resourceType"), u.toString());
    }

    @Test
    void eventRwIsReadForDescribeGetLookupAndWriteOtherwise() {
        createTrail("trail-one", "bucket-one");
        Map<String, String> rwByRequest = new LinkedHashMap<>();
        rwByRequest.put(legacy("DescribeRegions", Map.of()).requestId(), "Read");
        rwByRequest.put(legacy("DescribeTrails", Map.of()).requestId(), "Read");
        rwByRequest.put(legacy("GetTrailStatus", params("Name", "trail-one")).requestId(), "Read");
        rwByRequest.put(legacy("LookupEvents", Map.of()).requestId(), "Read");
        rwByRequest.put(legacy("StartLogging", params("Name", "trail-one")).requestId(), "Write");
        rwByRequest.put(legacy("StopLogging", params("Name", "trail-one")).requestId(), "Write");
        rwByRequest.put(legacy("UpdateTrail", params("Name", "trail-one", "EventRW", "Read")).requestId(), "Write");
        rwByRequest.put(legacy("DeleteTrail", params("Name", "trail-one")).requestId(), "Write");
        Map<String, String> recorded = new LinkedHashMap<>();
        lookup().forEach(e -> recorded.put(e.get("eventId").asText(), e.get("eventRW").asText()));
        rwByRequest.forEach((id, rw) -> assertEquals(rw, recorded.get(id), id));
    }

    @Test
    void trailCallsNameTheirTrail() {
        createTrail("trail-one", "bucket-one");
        createTrail("trail-two", "bucket-two");
        Reply describe = legacy("DescribeTrails", params("NameList", "trail-one,trail-two"));
        JsonNode e = eventOf(describe.requestId());
        assertEquals("ACS::ActionTrail::Trail", e.get("resourceType").asText());
        assertEquals("trail-one,trail-two", e.get("resourceName").asText());
        List<JsonNode> byName = lookup(Map.of("LookupAttribute.1.Key", "ResourceName",
                "LookupAttribute.1.Value", "trail-two"));
        assertEquals(List.of("DescribeTrails", "CreateTrail"),
                byName.stream().map(x -> x.get("eventName").asText()).toList());
        Reply regions = legacy("DescribeRegions", Map.of());
        assertFalse(eventOf(regions.requestId()).has("resourceType"));
    }

    @Test
    void aCallWhoseEventCannotBeRecordedIsNotAcknowledged() {
        events.failing = true;
        Reply r = legacy("DescribeRegions", Map.of());
        assertError(r, 503, "ServiceUnavailable");
    }

    // ---- health and shutdown ------------------------------------------------------------------------------

    @Test
    void healthIsUp() {
        Reply r = send("GET", "/health", Map.of(), null);
        assertEquals(200, r.status(), r.body());
        assertJson(r);
        assertEquals("UP", r.json().get("Status").asText());
        assertTrue(r.json().get("Store").asBoolean());
        assertEquals("9.9.9-test", r.json().get("Version").asText());
    }

    @Test
    void healthIsDownWhenTheStoreIsNot() {
        storeUp = false;
        Reply r = send("GET", "/health", Map.of(), null);
        assertEquals(503, r.status(), r.body());
        assertEquals("DOWN", r.json().get("Status").asText());
        assertFalse(r.json().get("Store").asBoolean(true));
    }

    @Test
    void stopDrainsRequestsInFlightThenRefusesConnections() throws Exception {
        events.entered = new CountDownLatch(1);
        events.release = new CountDownLatch(1);
        String query = Signer.query(legacyParams(signer, "POST", "DescribeRegions", V2020, Map.of()));
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?" + query))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(events.entered.await(10, TimeUnit.SECONDS), "request reached the store");
        events.entered = new CountDownLatch(Integer.MAX_VALUE); // later appends pass through once released

        AtomicReference<Throwable> stopFailure = new AtomicReference<>();
        Thread stopper = new Thread(() -> {
            try {
                server.stop(Duration.ofSeconds(20));
            } catch (Throwable t) {
                stopFailure.set(t);
            }
        });
        stopped = true;
        stopper.start();

        // while draining, new API requests are refused with ServiceUnavailable
        HttpClient other = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Reply refused = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = other.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/?" + Signer.query(legacyParams(signer, "POST", "DescribeRegions", V2020, Map.of()))))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 503) {
                refused = new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
                break;
            }
            Thread.sleep(20);
        }
        assertNotNull(refused, "a request during the drain is refused");
        assertEquals("ServiceUnavailable", refused.code(), refused.body());
        assertJson(refused);
        assertFalse(inFlight.isDone(), "the held request is still in flight");
        assertTrue(stopper.isAlive(), "stop waits for the request in flight");

        events.release.countDown();
        HttpResponse<String> done = inFlight.get(20, TimeUnit.SECONDS);
        assertEquals(200, done.statusCode(), done.body());
        stopper.join(30_000);
        assertFalse(stopper.isAlive());
        assertNull(stopFailure.get());

        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        IOException e = assertThrows(IOException.class, () -> fresh.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()));
        assertTrue(e instanceof ConnectException || e.getCause() instanceof ConnectException, e.toString());
    }

    @Test
    void stopWithNothingInFlightClosesTheListener() {
        server.stop(Duration.ofSeconds(5));
        stopped = true;
        try (Socket s = new Socket("127.0.0.1", port)) {
            fail("still listening on " + port);
        } catch (IOException expected) {
            assertTrue(expected instanceof ConnectException, expected.toString());
        }
    }

    @Test
    void malformedEscapeIsABadRequestInTheApiErrorFormat() throws Exception {
        Reply r = raw("POST", "/?Action=DescribeTrails&x=%zz", legacyHeaders("DescribeTrails", V2020), "");
        assertError(r, 400, "InvalidQueryParameter");
        assertEquals("actiontrail." + DEFAULT_REGION + ".aliyuncs.com", r.json().get("HostId").asText());
    }

    @Test
    void malformedEscapeInTheQueryOfAFormPostIsAnsweredToo() throws Exception {
        // with a form body, Vert.x's body handler decoded the query itself and threw: no answer at all
        Map<String, String> form = new LinkedHashMap<>(legacyHeaders("DescribeTrails", V2020));
        form.put("Content-Type", "application/x-www-form-urlencoded");
        for (String body : new String[] {"", "Name=trail-one", "Name=%zz"}) {
            Reply r = raw("POST", "/?Action=DescribeTrails&x=%zz", form, body);
            assertError(r, 400, "InvalidQueryParameter");
        }
        Reply badBody = raw("POST", "/?Action=DescribeTrails", form, "Name=%zz&x=1");
        assertError(badBody, 400, "InvalidQueryParameter");
    }

    @Test
    void oversizedBodyIsRefusedInTheApiErrorFormat() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/x-www-form-urlencoded");
        Reply r = send("POST", "/", h, "Name=" + "a".repeat((int) ApiServer.MAX_BODY_BYTES + 10));
        assertError(r, 413, "InvalidQueryParameter");
    }

    @Test
    void v1RequestsTakeActionAndVersionOnlyFromTheirSignedParameters() {
        Map<String, String> params = signer.common("DescribeTrails", V2020);
        params.remove("Action");
        params.remove("Version");
        Map<String, String> signed = signer.signV1("POST", params, Map.of());
        Reply r = send("POST", "/?" + Signer.query(signed), legacyHeaders("DescribeTrails", V2020), "");
        assertError(r, 400, "MissingParameter");
    }

    @Test
    void aRepeatListIndexBeyondAnIntIsInvalidParameterValueAndRecorded() {
        Reply r = legacy("LookupEvents", params("LookupAttribute.2147483648.Key", "EventName",
                "LookupAttribute.2147483648.Value", "CreateTrail"));
        assertError(r, 400, "InvalidParameterValue");
        JsonNode recorded = eventOf(r.requestId());
        assertEquals("InvalidParameterValue", recorded.path("errorCode").asText());
        assertEquals("LookupEvents", recorded.path("eventName").asText());
    }
}
