package dev.actiontrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trail lifecycle of the walkthrough, through the CLI on a real SQLite data folder. */
class TrailLifecycleCliTest {
    @TempDir
    Path data;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = Cli.init(data);
    }

    @Test
    void createStartStatusDescribeStopDelete() {
        Cli.Result mb = cli.run("oss", "mb", "audit-log");
        assertEquals(0, mb.exit(), mb.err());
        assertTrue(Files.isDirectory(data.resolve("oss/audit-log")));
        assertTrue(cli.run("oss", "ls").out().contains("oss://audit-log"));

        String account = cli.ok("account").get("AccountId").asText();
        JsonNode created = cli.ok("CreateTrail", "--Name", "trail-test", "--OssBucketName", "audit-log");
        assertTrue(created.get("RequestId").asText().matches("[0-9A-F-]{36}"));
        assertEquals("trail-test", created.get("Name").asText());
        assertEquals("cn-hangzhou", created.get("HomeRegion").asText());
        assertEquals("All", created.get("EventRW").asText());
        assertEquals("All", created.get("TrailRegion").asText());
        assertEquals("audit-log", created.get("OssBucketName").asText());
        assertEquals("acs:ram::" + account + ":role/aliyunserviceroleforactiontrail",
                created.get("OssWriteRoleArn").asText());

        JsonNode fresh = cli.ok("DescribeTrails").get("TrailList").get(0);
        assertEquals("Fresh", fresh.get("Status").asText());
        assertFalse(fresh.has("StartLoggingTime"));
        assertEquals("oss-cn-hangzhou", fresh.get("OssBucketLocation").asText());
        assertEquals("acs:actiontrail:cn-hangzhou:" + account + ":trail/trail-test", fresh.get("TrailArn").asText());
        assertFalse(fresh.get("IsOrganizationTrail").asBoolean());

        cli.ok("StartLogging", "--Name", "trail-test");
        JsonNode status = cli.ok("GetTrailStatus", "--Name", "trail-test");
        assertTrue(status.get("IsLogging").asBoolean());
        assertTrue(status.get("StartLoggingTime").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        assertTrue(status.get("OssBucketStatus").asBoolean());
        assertFalse(status.has("LatestDeliveryTime"), "nothing delivered yet, so no delivery time");
        assertEquals("Enable", cli.ok("DescribeTrails").get("TrailList").get(0).get("Status").asText());

        // global options after the action name, as the aliyun CLI allows
        JsonNode updated = cli.ok("UpdateTrail", "--Name", "trail-test", "--EventRW", "Write", "--region",
                "cn-hangzhou");
        assertEquals("Write", updated.get("EventRW").asText());
        assertEquals("audit-log", updated.get("OssBucketName").asText());

        cli.ok("StopLogging", "--Name", "trail-test");
        JsonNode stopped = cli.ok("GetTrailStatus", "--Name", "trail-test");
        assertFalse(stopped.get("IsLogging").asBoolean());
        assertTrue(stopped.has("StopLoggingTime"));
        assertEquals("Disable", cli.ok("DescribeTrails").get("TrailList").get(0).get("Status").asText());

        cli.ok("DeleteTrail", "--Name", "trail-test");
        assertEquals(0, cli.ok("DescribeTrails").get("TrailList").size());
        Cli.Result gone = cli.run("GetTrailStatus", "--Name", "trail-test");
        assertEquals(1, gone.exit());
        assertEquals("TrailNotFoundException", gone.errorJson().get("Code").asText());
    }

    @Test
    void trailsSurviveReopeningTheDataFolder() {
        cli.succeed("sls", "create-project", "audit-project");
        String account = cli.ok("account").get("AccountId").asText();
        String arn = "acs:log:cn-hangzhou:" + account + ":project/audit-project";
        cli.ok("CreateTrail", "--Name", "sls-trail", "--SlsProjectArn", arn);
        assertTrue(Files.isDirectory(data.resolve("sls/audit-project/actiontrail_sls-trail")),
                "CreateTrail creates the Logstore actiontrail_<trail>");
        JsonNode item = new Cli(data).ok("DescribeTrails", "--NameList", "sls-trail").get("TrailList").get(0);
        assertEquals(arn, item.get("SlsProjectArn").asText());
        assertTrue(new Cli(data).ok("GetTrailStatus", "--Name", "sls-trail").get("SlsLogStoreStatus").asBoolean());
    }

    @Test
    void maxComputeAndLegacyVersion() {
        String account = cli.ok("account").get("AccountId").asText();
        cli.succeed("oss", "mb", "legacy-bucket");
        JsonNode legacy = cli.ok("CreateTrail", "--Version", "2017-12-04", "--Name", "legacy-trail",
                "--OssBucketName", "legacy-bucket", "--RoleName", "aliyunactiontraildefaultrole");
        assertEquals("Write", legacy.get("EventRW").asText(), "2017-12-04 defaults EventRW to Write");
        assertEquals("aliyunactiontraildefaultrole", legacy.get("RoleName").asText());
        JsonNode odps = cli.ok("CreateTrail", "--Name", "odps-trail", "--MaxComputeProjectArn",
                "acs:odps:cn-hangzhou:" + account + ":project/actiontrail_" + account);
        assertEquals("acs:ram::" + account + ":role/aliyunserviceroleforactiontrail",
                odps.get("MaxComputeWriteRoleArn").asText());
        assertTrue(Files.isDirectory(data.resolve("odps/actiontrail_" + account)));
        JsonNode regions = cli.ok("DescribeRegions", "--AcceptLanguage", "zh-CN").get("Regions").get("Region");
        assertTrue(regions.size() >= 26);
        JsonNode hz = regions.findParents("RegionId").stream()
                .filter(r -> r.get("RegionId").asText().equals("cn-hangzhou")).findFirst().orElseThrow();
        assertEquals("华东1（杭州）", hz.get("LocalName").asText());
        assertEquals("actiontrail.cn-hangzhou.aliyuncs.com", hz.get("RegionEndpoint").asText());
    }
}
