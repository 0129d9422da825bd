package dev.actiontrail.persistence.destination;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.delivery.DeliveryBatch;
import dev.actiontrail.core.delivery.DeliveryException;
import dev.actiontrail.core.delivery.DestinationType;
import dev.actiontrail.core.delivery.DestinationWriter;
import dev.actiontrail.core.delivery.LoggedEvent;
import dev.actiontrail.core.trail.EventRW;
import dev.actiontrail.core.trail.Trail;
import dev.actiontrail.core.trail.TrailRegion;
import dev.actiontrail.core.trail.TrailStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local OSS, SLS and MaxCompute writers against a real {@link LocalResourceDirectory} on disk. */
class LocalDeliveryWritersTest {
    static final AccountId ACCOUNT = AccountId.of("1234567890123456");
    static final Instant STAMP = Instant.parse("2024-12-31T23:59:58Z");
    static final String SLS_ARN = "acs:log:cn-hangzhou:1234567890123456:project/audit-project";
    static final String ODPS_ARN = "acs:odps:cn-hangzhou:1234567890123456:project/actiontrail_audit";

    @TempDir
    Path root;
    LocalResourceDirectory resources;
    DestinationWriter oss;
    DestinationWriter sls;
    DestinationWriter odps;

    @BeforeEach
    void setUp() {
        resources = new LocalResourceDirectory(root);
        List<DestinationWriter> all = LocalDeliveryWriters.all(resources);
        oss = all.stream().filter(w -> w.type() == DestinationType.OSS).findFirst().orElseThrow();
        sls = all.stream().filter(w -> w.type() == DestinationType.SLS).findFirst().orElseThrow();
        odps = all.stream().filter(w -> w.type() == DestinationType.MAX_COMPUTE).findFirst().orElseThrow();
        assertEquals(3, all.size());
    }

    static Trail trail(String bucket, String prefix, String slsArn, String odpsArn) {
        Instant t = Instant.parse("2024-05-20T00:00:00Z");
        return new Trail(ACCOUNT, "trail-test", "cn-hangzhou", bucket, prefix, "", slsArn, "", odpsArn, "", "",
                EventRW.All, TrailRegion.ALL, false, "", TrailStatus.Enable, t, t, t, null);
    }

    static LoggedEvent event(long seq, String eventTime, String extra) {
        String json = "{\"eventId\":\"e" + seq + "\",\"eventTime\":\"" + eventTime + "\"" + extra + "}";
        return new LoggedEvent(seq, Instant.parse(eventTime), "cn-hangzhou", "Write", json);
    }

    static DeliveryBatch batch(Trail trail, String region, List<LoggedEvent> events) {
        return new DeliveryBatch(trail, region, STAMP, events.get(0).seq(), events.get(events.size() - 1).seq(),
                events);
    }

    static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    static String md5Hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    static String jsonArray(List<LoggedEvent> events) {
        StringBuilder sb = new StringBuilder("[");
        for (LoggedEvent e : events) {
            sb.append(sb.length() > 1 ? "," : "").append(e.json());
        }
        return sb.append(']').toString();
    }

    void assertStagingEmpty() throws IOException {
        assertEquals(List.of(), files(resources.stagingDir()), "nothing left in .staging");
    }

    // ---- OSS --------------------------------------------------------------------------------------------------

    @Test
    void anOssObjectHasTheActionTrailKeyAndGzipJsonArrayContent() throws Exception {
        resources.createBucket("audit-log", "cn-hangzhou");
        Trail trail = trail("audit-log", "audit/logs", "", "");
        List<LoggedEvent> events = List.of(event(7, "2024-12-31T23:58:00Z", ",\"note\":\"审计 \\\"x\\\"\""),
                event(9, "2024-12-31T23:58:01Z", ""));

        oss.write(batch(trail, "cn-beijing", events));

        List<Path> objects = files(root.resolve("oss/audit-log"));
        assertEquals(1, objects.size(), objects.toString());
        byte[] content = Files.readAllBytes(objects.get(0));
        String expectedKey = "audit/logs/AliyunLogs/Actiontrail/cn-beijing/2024/12/31/Actiontrail_cn-beijing_"
                + "20241231235958_1002_2_" + content.length + "_" + md5Hex(content) + ".gz";
        assertEquals(List.of("oss://audit-log/" + expectedKey), resources.listObjects("oss://audit-log"));
        assertEquals(root.resolve("oss/audit-log").resolve(expectedKey), objects.get(0));
        assertArrayEquals(jsonArray(events).getBytes(StandardCharsets.UTF_8), gunzip(content),
                "a JSON array of the events' JSON as recorded");
        assertStagingEmpty();
    }

    @Test
    void withoutPrefixTheKeyStartsAtAliyunLogsAndATrailingSlashIsNotDoubled() throws Exception {
        resources.createBucket("audit-log", "cn-hangzhou");
        resources.createBucket("audit-log-2", "cn-hangzhou");
        List<LoggedEvent> events = List.of(event(1, "2024-12-31T23:58:00Z", ""));

        oss.write(batch(trail("audit-log", "", "", ""), "cn-hangzhou", events));
        oss.write(batch(trail("audit-log-2", "prefix/", "", ""), "cn-hangzhou", events));

        String object = resources.listObjects("oss://audit-log").get(0);
        assertTrue(object.startsWith("oss://audit-log/AliyunLogs/Actiontrail/cn-hangzhou/2024/12/31/"
                + "Actiontrail_cn-hangzhou_20241231235958_1002_1_"), object);
        String prefixed = resources.listObjects("oss://audit-log-2").get(0);
        assertTrue(prefixed.startsWith("oss://audit-log-2/prefix/AliyunLogs/Actiontrail/"), prefixed);
    }

    @Test
    void writingTheSameBatchAgainGivesTheSameSingleObject() throws Exception {
        resources.createBucket("audit-log", "cn-hangzhou");
        DeliveryBatch b = batch(trail("audit-log", "", "", ""), "cn-hangzhou",
                List.of(event(3, "2024-12-31T23:00:00Z", ""), event(4, "2024-12-31T23:00:01Z", "")));

        oss.write(b);
        List<String> first = resources.listObjects("oss://audit-log");
        byte[] firstBytes = Files.readAllBytes(files(root.resolve("oss/audit-log")).get(0));
        oss.write(b);

        assertEquals(first, resources.listObjects("oss://audit-log"));
        assertEquals(1, files(root.resolve("oss/audit-log")).size());
        assertArrayEquals(firstBytes, Files.readAllBytes(files(root.resolve("oss/audit-log")).get(0)));
        assertStagingEmpty();
    }

    @Test
    void aMissingBucketFailsWithNoSuchBucket() throws Exception {
        DeliveryBatch b = batch(trail("no-such-bucket", "", "", ""), "cn-hangzhou",
                List.of(event(1, "2024-12-31T23:00:00Z", "")));

        DeliveryException e = assertThrows(DeliveryException.class, () -> oss.write(b));

        assertTrue(e.getMessage().startsWith("NoSuchBucket"), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertEquals(List.of(), files(root), "nothing written anywhere");
    }

    @Test
    void aDeniedBucketFailsWithAccessDeniedAndGetsNothing() throws Exception {
        resources.createBucket("audit-log", "cn-hangzhou");
        resources.setBucketPolicy("audit-log", false);
        DeliveryBatch b = batch(trail("audit-log", "", "", ""), "cn-hangzhou",
                List.of(event(1, "2024-12-31T23:00:00Z", "")));

        DeliveryException e = assertThrows(DeliveryException.class, () -> oss.write(b));

        assertTrue(e.getMessage().startsWith("AccessDenied"), e.getMessage());
        assertEquals(List.of(), resources.listObjects("oss://audit-log"));
        assertStagingEmpty();

        resources.setBucketPolicy("audit-log", true);
        oss.write(b);
        assertEquals(1, resources.listObjects("oss://audit-log").size());
    }

    @Test
    void aRegionThatIsNotARegionIdNeverBecomesAPathOutOfTheBucket() throws Exception {
        resources.createBucket("audit-log", "cn-hangzhou");
        for (String region : List.of("../../../../escape", "cn-hangzhou/../../../../escape", "a\u0000b", "")) {
            DeliveryBatch b = batch(trail("audit-log", "", "", ""), region,
                    List.of(event(1, "2024-12-31T23:00:00Z", "")));

            DeliveryException e = assertThrows(DeliveryException.class, () -> oss.write(b), region);

            assertTrue(e.getMessage().startsWith("InvalidRegion"), e.getMessage());
        }
        assertEquals(List.of(), files(root.resolve("escape")));
        assertEquals(List.of(), files(root.resolve("oss")));
        assertStagingEmpty();
    }

    // ---- SLS --------------------------------------------------------------------------------------------------

    @Test
    void slsShardLinesCarryTheTopicTimeSourceAndTheEventAsAnObject() throws Exception {
        resources.createSlsProject("audit-project", "cn-hangzhou");
        resources.ensureLogstore(ACCOUNT, "audit-project", "actiontrail_trail-test");
        List<LoggedEvent> events = List.of(event(12, "2024-05-20T10:00:01.900Z", ",\"n\":{\"a\":[1,2]}"),
                event(15, "2024-05-20T10:00:02Z", ""));

        sls.write(batch(trail("", "", SLS_ARN, ""), null, events));

        List<Path> shards = files(root.resolve("sls/audit-project/actiontrail_trail-test"));
        assertEquals(1, shards.size(), shards.toString());
        String name = shards.get(0).getFileName().toString();
        assertTrue(name.matches("20241231235958_0*12_0*15\\.jsonl"), name);
        List<String> lines = Files.readAllLines(shards.get(0), StandardCharsets.UTF_8);
        assertEquals(List.of(
                "{\"__topic__\":\"actiontrail_audit_event\",\"__time__\":1716199201,\"__source__\":\"actiontrail\","
                        + "\"event\":" + events.get(0).json() + "}",
                "{\"__topic__\":\"actiontrail_audit_event\",\"__time__\":1716199202,\"__source__\":\"actiontrail\","
                        + "\"event\":" + events.get(1).json() + "}"), lines);
        assertStagingEmpty();

        sls.write(batch(trail("", "", SLS_ARN, ""), null, events));
        assertEquals(shards, files(root.resolve("sls/audit-project/actiontrail_trail-test")), "same shard again");
    }

    @Test
    void slsFailsWhenTheProjectOrLogstoreIsMissingOrDenied() {
        DeliveryBatch b = batch(trail("", "", SLS_ARN, ""), null, List.of(event(1, "2024-05-20T10:00:00Z", "")));
        DeliveryException missingProject = assertThrows(DeliveryException.class, () -> sls.write(b));
        assertTrue(missingProject.getMessage().startsWith("ProjectNotExist"), missingProject.getMessage());

        resources.createSlsProject("audit-project", "cn-hangzhou");
        DeliveryException missingLogstore = assertThrows(DeliveryException.class, () -> sls.write(b));
        assertTrue(missingLogstore.getMessage().startsWith("LogStoreNotExist"), missingLogstore.getMessage());

        resources.ensureLogstore(ACCOUNT, "audit-project", "actiontrail_trail-test");
        resources.setSlsProjectPolicy("audit-project", false);
        DeliveryException denied = assertThrows(DeliveryException.class, () -> sls.write(b));
        assertTrue(denied.getMessage().startsWith("Unauthorized"), denied.getMessage());
    }

    // ---- MaxCompute -------------------------------------------------------------------------------------------

    @Test
    void maxComputeWritesOnePartitionFolderPerEventDay() throws Exception {
        resources.createMaxComputeProject("actiontrail_audit", "cn-hangzhou");
        List<LoggedEvent> events = List.of(event(1, "2024-05-19T23:59:59Z", ""), event(2, "2024-05-20T00:00:00Z", ""),
                event(3, "2024-05-19T12:00:00Z", ""), event(4, "2024-05-20T08:00:00Z", ""));

        odps.write(batch(trail("", "", "", ODPS_ARN), null, events));

        Path table = root.resolve("odps/actiontrail_audit/actiontrail_trail-test");
        List<Path> parts = files(table);
        assertEquals(2, parts.size(), parts.toString());
        assertEquals(table.resolve("ds=20240519"), parts.get(0).getParent());
        assertEquals(table.resolve("ds=20240520"), parts.get(1).getParent());
        assertTrue(parts.get(0).getFileName().toString().matches("20241231235958_0*1_0*3\\.jsonl"),
                parts.get(0).toString());
        assertTrue(parts.get(1).getFileName().toString().matches("20241231235958_0*2_0*4\\.jsonl"),
                parts.get(1).toString());
        assertEquals(List.of(events.get(0).json(), events.get(2).json()), Files.readAllLines(parts.get(0)));
        assertEquals(List.of(events.get(1).json(), events.get(3).json()), Files.readAllLines(parts.get(1)));
        assertStagingEmpty();
    }

    @Test
    void maxComputeFailsWhenTheProjectIsMissing() {
        DeliveryBatch b = batch(trail("", "", "", ODPS_ARN), null, List.of(event(1, "2024-05-20T10:00:00Z", "")));
        DeliveryException e = assertThrows(DeliveryException.class, () -> odps.write(b));
        assertTrue(e.getMessage().contains("actiontrail_audit") && e.getMessage().contains("does not exist"),
                e.getMessage());
    }

    // ---- atomic placement -------------------------------------------------------------------------------------

    @Test
    void aFailedPlacementLeavesNothingStaged() throws Exception {
        resources.createSlsProject("audit-project", "cn-hangzhou");
        resources.ensureLogstore(ACCOUNT, "audit-project", "actiontrail_trail-test");
        DeliveryBatch b = batch(trail("", "", SLS_ARN, ""), null, List.of(event(1, "2024-05-20T10:00:00Z", "")));
        sls.write(b);
        Path shard = files(root.resolve("sls/audit-project/actiontrail_trail-test")).get(0);
        Files.delete(shard);
        Files.createDirectories(shard.resolve("blocker")); // a non-empty folder where the shard must go

        DeliveryException e = assertThrows(DeliveryException.class, () -> sls.write(b));

        assertTrue(e.getMessage().startsWith("write failed"), e.getMessage());
        assertStagingEmpty();
    }
}
