package dev.actiontrail.cli;

import com.aliyun.actiontrail20200706.Client;
import com.aliyun.actiontrail20200706.models.CreateDeliveryHistoryJobRequest;
import com.aliyun.actiontrail20200706.models.CreateTrailRequest;
import com.aliyun.actiontrail20200706.models.DeleteTrailRequest;
import com.aliyun.actiontrail20200706.models.DescribeRegionsRequest;
import com.aliyun.actiontrail20200706.models.DescribeTrailsRequest;
import com.aliyun.actiontrail20200706.models.GetDeliveryHistoryJobRequest;
import com.aliyun.actiontrail20200706.models.GetDeliveryHistoryJobResponseBody;
import com.aliyun.actiontrail20200706.models.GetTrailStatusRequest;
import com.aliyun.actiontrail20200706.models.GetTrailStatusResponseBody;
import com.aliyun.actiontrail20200706.models.ListDeliveryHistoryJobsRequest;
import com.aliyun.actiontrail20200706.models.StartLoggingRequest;
import com.aliyun.actiontrail20200706.models.StopLoggingRequest;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.actiontrail.core.delivery.DeliveryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delivery end to end: the Tea SDK drives the server (trail lifecycle, API calls that are themselves recorded), the
 * server's delivery round writes the local destinations, and the test reads them as a user would.
 */
class DeliveryServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OSS_KEY = Pattern.compile("(?<prefix>.+/)?AliyunLogs/Actiontrail/(?<region>[a-z0-9-]+)/"
            + "(?<y>\\d{4})/(?<m>\\d{2})/(?<d>\\d{2})/Actiontrail_\\k<region>_(?<stamp>\\d{14})_1002_(?<count>\\d+)_"
            + "(?<size>\\d+)_(?<md5>[0-9a-f]{32})\\.gz");

    @TempDir
    Path data;
    ServerFixture fixture;
    Client client;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture(data);
        fixture.runtime.resources().createBucket("audit-log", "cn-hangzhou");
        fixture.runtime.resources().createSlsProject("audit-project", "cn-hangzhou");
        client = new Client(new Config().setAccessKeyId(ServerFixture.KEY_ID)
                .setAccessKeySecret(ServerFixture.KEY_SECRET).setEndpoint(fixture.endpoint()).setProtocol("HTTP"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private DeliveryService.Round deliver() {
        return fixture.runtime.deliverRound();
    }

    private List<Path> objects(String bucket) throws IOException {
        try (Stream<Path> files = Files.walk(data.resolve("oss").resolve(bucket))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<JsonNode> gunzipArray(Path object) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(object))) {
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(in).forEach(out::add);
            return out;
        }
    }

    @Test
    void ossObjectsHaveTheDocumentedKeyAndContent() throws Exception {
        client.createTrail(new CreateTrailRequest().setName("trail-test").setOssBucketName("audit-log")
                .setOssKeyPrefix("audit-prefix"));
        assertEquals(0, deliver().eventsDelivered(), "nothing before StartLogging");
        client.startLogging(new StartLoggingRequest().setName("trail-test"));
        client.describeRegions(new DescribeRegionsRequest());
        client.describeTrails(new DescribeTrailsRequest());
        GetTrailStatusResponseBody before = client.getTrailStatus(new GetTrailStatusRequest().setName("trail-test"))
                .getBody();
        assertNull(before.getLatestDeliveryTime(), "a trail that delivered nothing has no LatestDeliveryTime");

        DeliveryService.Round round = deliver();
        assertEquals(4, round.eventsDelivered(), "StartLogging, DescribeRegions, DescribeTrails, GetTrailStatus");
        List<Path> objects = objects("audit-log");
        assertEquals(1, objects.size());
        Path object = objects.get(0);
        String key = data.resolve("oss/audit-log").relativize(object).toString();
        Matcher m = OSS_KEY.matcher(key);
        assertTrue(m.matches(), key);
        assertEquals("audit-prefix/", m.group("prefix"));
        assertEquals("cn-hangzhou", m.group("region"));
        assertEquals(m.group("y") + m.group("m") + m.group("d"), m.group("stamp").substring(0, 8));
        byte[] bytes = Files.readAllBytes(object);
        assertEquals(bytes.length, Integer.parseInt(m.group("size")));
        assertEquals(String.format("%032x", new BigInteger(1, MessageDigest.getInstance("MD5").digest(bytes))),
                m.group("md5"));
        List<JsonNode> events = gunzipArray(object);
        assertEquals(Integer.parseInt(m.group("count")), events.size());
        assertEquals(List.of("StartLogging", "DescribeRegions", "DescribeTrails", "GetTrailStatus"),
                events.stream().map(e -> e.get("eventName").asText()).toList());
        assertEquals("root-account", events.get(0).at("/userIdentity/type").asText());

        GetTrailStatusResponseBody after = client.getTrailStatus(new GetTrailStatusRequest().setName("trail-test"))
                .getBody();
        assertNotNull(after.getLatestDeliveryTime());
        assertNull(after.getLatestDeliveryError());
        assertEquals(Boolean.TRUE, after.getOssBucketStatus());

        // the next round delivers only what came since (the GetTrailStatus call), never the same event twice
        deliver();
        List<Path> two = objects("audit-log");
        assertEquals(2, two.size());
        List<String> all = new ArrayList<>();
        for (Path o : two) {
            gunzipArray(o).forEach(e -> all.add(e.get("eventId").asText()));
        }
        assertEquals(all.size(), all.stream().distinct().count());

        client.stopLogging(new StopLoggingRequest().setName("trail-test"));
        deliver(); // delivers the StopLogging call itself (recorded while logging ended)
        int afterStop = objects("audit-log").size();
        client.describeTrails(new DescribeTrailsRequest());
        deliver();
        assertEquals(afterStop, objects("audit-log").size(), "events after StopLogging are not delivered");
    }

    @Test
    void eventRwAndTrailRegionFilterWhatIsDelivered() throws Exception {
        fixture.runtime.resources().createBucket("reads-only", "cn-hangzhou");
        fixture.runtime.resources().createBucket("elsewhere", "cn-hangzhou");
        client.createTrail(new CreateTrailRequest().setName("reads-trail").setOssBucketName("reads-only")
                .setEventRW("Read"));
        client.createTrail(new CreateTrailRequest().setName("shanghai-trail").setOssBucketName("elsewhere")
                .setTrailRegion("cn-shanghai"));
        client.startLogging(new StartLoggingRequest().setName("reads-trail"));
        client.startLogging(new StartLoggingRequest().setName("shanghai-trail"));
        client.describeTrails(new DescribeTrailsRequest());
        assertThrows(TeaException.class, () -> client.createTrail(new CreateTrailRequest().setName("bad")));
        deliver();
        List<JsonNode> reads = new ArrayList<>();
        for (Path o : objects("reads-only")) {
            reads.addAll(gunzipArray(o));
        }
        assertFalse(reads.isEmpty());
        assertTrue(reads.stream().allMatch(e -> e.get("eventRW").asText().equals("Read")), reads.toString());
        assertTrue(reads.stream().anyMatch(e -> e.get("eventName").asText().equals("DescribeTrails")));
        assertTrue(objects("elsewhere").isEmpty(), "calls made in cn-hangzhou do not reach a cn-shanghai trail");
    }

    @Test
    void slsAndMaxComputeDeliveries() throws Exception {
        String account = fixture.accountId();
        // Tea 2.0.0 has no MaxCompute parameters: create this trail through the library's API (as the CLI does)
        var created = fixture.runtime.call(java.util.Map.of(
                "Action", "CreateTrail", "Version", "2020-07-06", "Name", "all-trail",
                "SlsProjectArn", "acs:log:cn-hangzhou:" + account + ":project/audit-project",
                "MaxComputeProjectArn", "acs:odps:cn-hangzhou:" + account + ":project/actiontrail_" + account),
                "cn-hangzhou", "test");
        assertTrue(created.ok(), created.body().toString());
        client.startLogging(new StartLoggingRequest().setName("all-trail"));
        client.describeRegions(new DescribeRegionsRequest());
        deliver();
        Path logstore = data.resolve("sls/audit-project/actiontrail_all-trail");
        List<JsonNode> logs = new ArrayList<>();
        try (Stream<Path> shards = Files.list(logstore)) {
            for (Path shard : shards.sorted().toList()) {
                for (String line : Files.readAllLines(shard)) {
                    logs.add(JSON.readTree(line));
                }
            }
        }
        assertEquals(List.of("StartLogging", "DescribeRegions"),
                logs.stream().map(l -> l.at("/event/eventName").asText()).toList());
        assertEquals("actiontrail_audit_event", logs.get(0).get("__topic__").asText());

        Cli cli = new Cli(data);
        String tail = cli.succeed("sls", "tail", "audit-project", "actiontrail_all-trail", "-n", "1").out();
        assertTrue(tail.contains("\"eventName\":\"DescribeRegions\""), tail);
        String query = cli.succeed("sls", "query", "audit-project", "actiontrail_all-trail", "--where",
                "eventName=StartLogging").out();
        assertEquals(1, query.strip().lines().count(), query);

        Path table = data.resolve("odps/actiontrail_" + account + "/actiontrail_all-trail");
        try (Stream<Path> partitions = Files.list(table)) {
            List<Path> days = partitions.toList();
            assertEquals(1, days.size());
            assertTrue(days.get(0).getFileName().toString().matches("ds=\\d{8}"));
        }
        GetTrailStatusResponseBody status = client.getTrailStatus(new GetTrailStatusRequest().setName("all-trail"))
                .getBody();
        assertNotNull(status.getLatestDeliveryLogServiceTime());
        assertEquals(Boolean.TRUE, status.getSlsLogStoreStatus());
    }

    @Test
    void aFailingDestinationShowsInTheStatusAndRecoversWithoutLoss() throws Exception {
        client.createTrail(new CreateTrailRequest().setName("trail-test").setOssBucketName("audit-log"));
        client.startLogging(new StartLoggingRequest().setName("trail-test"));
        client.describeRegions(new DescribeRegionsRequest());
        fixture.runtime.resources().setBucketPolicy("audit-log", false);
        DeliveryService.Round failed = deliver();
        assertEquals(1, failed.failures());
        GetTrailStatusResponseBody status = client.getTrailStatus(new GetTrailStatusRequest().setName("trail-test"))
                .getBody();
        assertTrue(status.getLatestDeliveryError().startsWith("AccessDenied"), status.getLatestDeliveryError());
        assertNull(status.getLatestDeliveryTime());
        assertEquals(Boolean.FALSE, status.getOssBucketStatus());
        client.describeTrails(new DescribeTrailsRequest());

        fixture.runtime.resources().setBucketPolicy("audit-log", true);
        long deadline = System.currentTimeMillis() + 10_000;
        while (objects("audit-log").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200); // the backoff before the retry
            deliver();
        }
        while (!deliver().caughtUp() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        List<String> names = new ArrayList<>();
        for (Path o : objects("audit-log")) {
            gunzipArray(o).forEach(e -> names.add(e.get("eventName").asText()));
        }
        assertEquals(List.of("StartLogging", "DescribeRegions", "GetTrailStatus", "DescribeTrails"), names,
                "nothing lost, nothing reordered, nothing twice");
        GetTrailStatusResponseBody recovered = client.getTrailStatus(new GetTrailStatusRequest()
                .setName("trail-test")).getBody();
        assertNull(recovered.getLatestDeliveryError());
        assertNotNull(recovered.getLatestDeliveryTime());
    }

    @Test
    void historyJobBackfillsWhatLiveDeliveryMissed() throws Exception {
        client.createTrail(new CreateTrailRequest().setName("trail-test").setOssBucketName("audit-log"));
        client.describeRegions(new DescribeRegionsRequest()); // before the trail logs: only a backfill delivers it
        client.startLogging(new StartLoggingRequest().setName("trail-test"));
        deliver();
        int live = objects("audit-log").size();

        long jobId = client.createDeliveryHistoryJob(new CreateDeliveryHistoryJobRequest().setTrailName("trail-test")
                .setClientToken("token-1")).getBody().getJobId();
        assertEquals(jobId, (long) client.createDeliveryHistoryJob(new CreateDeliveryHistoryJobRequest()
                .setTrailName("trail-test").setClientToken("token-1")).getBody().getJobId(), "ClientToken");
        TeaException busy = assertThrows(TeaException.class, () -> client.createDeliveryHistoryJob(
                new CreateDeliveryHistoryJobRequest().setTrailName("trail-test")));
        assertEquals("MaximumNumberOfDeliveryHistoryJobsExceededException", busy.getCode());
        TeaException forbidden = assertThrows(TeaException.class,
                () -> client.deleteTrail(new DeleteTrailRequest().setName("trail-test")));
        assertEquals("ForbiddenDeleteTrail", forbidden.getCode());
        assertEquals(0, job(jobId).getJobStatus());

        deliver();
        GetDeliveryHistoryJobResponseBody delivering = job(jobId);
        assertEquals(1, delivering.getJobStatus());
        assertEquals(1, delivering.getStatus().get(0).getStatus());
        assertEquals("cn-hangzhou", delivering.getStatus().get(0).getRegion());
        deliver();
        GetDeliveryHistoryJobResponseBody done = job(jobId);
        assertEquals(2, done.getJobStatus());
        assertEquals(2, done.getStatus().get(0).getStatus());

        List<String> names = new ArrayList<>();
        for (Path o : objects("audit-log")) {
            gunzipArray(o).forEach(e -> names.add(e.get("eventName").asText()));
        }
        assertTrue(objects("audit-log").size() > live);
        assertEquals(1, names.stream().filter(n -> n.equals("DescribeRegions")).count(), names.toString());
        assertEquals(1, names.stream().filter(n -> n.equals("CreateTrail")).count(), "backfilled once: " + names);
        assertEquals(1, names.stream().filter(n -> n.equals("StartLogging")).count(), "not duplicated: " + names);
        assertEquals(1, client.listDeliveryHistoryJobs(new ListDeliveryHistoryJobsRequest()).getBody()
                .getTotalCount());
        client.deleteTrail(new DeleteTrailRequest().setName("trail-test"));
        TeaException gone = assertThrows(TeaException.class,
                () -> client.getDeliveryHistoryJob(new GetDeliveryHistoryJobRequest().setJobId(jobId + 100)));
        assertEquals("DeliveryHistoryJobNotFound", gone.getCode());
    }

    private GetDeliveryHistoryJobResponseBody job(long jobId) throws Exception {
        return client.getDeliveryHistoryJob(new GetDeliveryHistoryJobRequest().setJobId(jobId)).getBody();
    }
}
