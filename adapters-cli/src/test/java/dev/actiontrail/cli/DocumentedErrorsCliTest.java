package dev.actiontrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every documented CreateTrail, UpdateTrail and LookupEvents error (seed 001's table, seed 003's 2017-12-04
 * tables, API reference notes §1.8 / §4.1) reached from the CLI, with its code and message verbatim, and nothing
 * changed by the failed call.
 */
class DocumentedErrorsCliTest {
    @TempDir
    Path data;
    Cli cli;
    String account;

    @BeforeEach
    void setUp() {
        cli = Cli.init(data);
        account = cli.ok("account").get("AccountId").asText();
        cli.succeed("oss", "mb", "audit-log");
        cli.succeed("oss", "mb", "second-bucket");
        cli.succeed("sls", "create-project", "audit-project");
    }

    private void expect(String code, String message, String... args) {
        String before = cli.ok("DescribeTrails").get("TrailList").toString();
        Cli.Result result = cli.run(args);
        assertEquals(1, result.exit(),
                () -> "expected " + code + " for " + String.join(" ", args) + " got " + result.out());
        JsonNode error = result.errorJson();
        assertEquals(code, error.get("Code").asText(), result.err());
        assertEquals(message, error.get("Message").asText());
        assertTrue(error.get("RequestId").asText().matches("[0-9A-F-]{36}"));
        int r = java.util.Arrays.asList(args).indexOf("--region");
        String region = r >= 0 ? args[r + 1] : "cn-hangzhou";
        assertEquals("actiontrail." + region + ".aliyuncs.com", error.get("HostId").asText());
        assertTrue(error.get("Recommend").asText().contains("q=" + code));
        assertEquals(before, cli.ok("DescribeTrails").get("TrailList").toString(), "a failed call changes nothing");
    }

    @Test
    void createTrailErrors() {
        expect("MissingParameter",
                "The input parameter \"Name\" that is mandatory for processing this request is not supplied.",
                "CreateTrail", "--OssBucketName", "audit-log");
        expect("InvalidTrailNameException", "The specified Trail name is invalid.",
                "CreateTrail", "--Name", "Bad_Name", "--OssBucketName", "audit-log");
        expect("InvalidTrailNameException", "The specified Trail name is invalid.",
                "CreateTrail", "--Name", "short", "--OssBucketName", "audit-log");
        expect("InvalidDeliveryConfigurationException",
                "You must specify at least one Log Service project or OSS bucket for a Trail.",
                "CreateTrail", "--Name", "trail-test");
        expect("InvalidPrefixException", "The specified OSS bucket prefix is invalid.",
                "CreateTrail", "--Name", "trail-test", "--OssBucketName", "audit-log", "--OssKeyPrefix", "1bad");
        expect("InvalidQueryParameter", "The specified query parameter is invalid.",
                "CreateTrail", "--Name", "trail-test", "--OssBucketName", "audit-log", "--EventRW", "Both");
        expect("InvalidQueryParameter", "The specified query parameter is invalid.",
                "CreateTrail", "--Name", "trail-test", "--SlsProjectArn", "not-an-arn");
        expect("InvalidQueryParameter", "The specified query parameter is invalid.",
                "CreateTrail", "--Name", "trail-test", "--MaxComputeProjectArn",
                "acs:odps:cn-hangzhou:" + account + ":project/audit_project");
        expect("InvalidBucketNameException", "The specified OSS bucket name is invalid.",
                "CreateTrail", "--Name", "trail-test", "--OssBucketName", "Audit_Log");
        expect("BucketDoesNotExistException", "The specified OSS bucket does not exist.",
                "CreateTrail", "--Name", "trail-test", "--OssBucketName", "no-such-bucket");
        expect("SlsProjectDoesNotExistException", "The specified Log Service project does not exist.",
                "CreateTrail", "--Name", "trail-test", "--SlsProjectArn",
                "acs:log:cn-hangzhou:" + account + ":project/no-such-project");
        expect("InsufficientBucketPolicyException", "Access to the specified OSS bucket was denied.",
                "CreateTrail", "--Name", "trail-test", "--OssBucketName", "audit-log", "--OssWriteRoleArn",
                "acs:ram::1111111111111111:role/other-account-role");
        expect("InsufficientSlsPolicyException", "Access to the specified Log Service project was denied.",
                "CreateTrail", "--Name", "trail-test", "--SlsProjectArn",
                "acs:log:cn-hangzhou:" + account + ":project/audit-project", "--SlsWriteRoleArn",
                "acs:ram::1111111111111111:role/other-account-role");
        cli.succeed("oss", "policy", "second-bucket", "--deny-actiontrail");
        expect("InsufficientBucketPolicyException", "Access to the specified OSS bucket was denied.",
                "CreateTrail", "--Name", "trail-test", "--OssBucketName", "second-bucket");
        cli.succeed("oss", "policy", "second-bucket");

        cli.ok("CreateTrail", "--Name", "trail-test", "--OssBucketName", "audit-log");
        expect("TrailAlreadyExistsException", "The specified Trail name already exists.",
                "CreateTrail", "--Name", "trail-test", "--OssBucketName", "second-bucket");
        expect("RepeatOssBucket", "The specified OSS bucket is already in use. We recommend that you modify the "
                        + "existing Trail or specify another bucket.",
                "CreateTrail", "--Name", "trail-two", "--OssBucketName", "audit-log");

        String sls = "acs:log:cn-hangzhou:" + account + ":project/audit-project";
        cli.ok("CreateTrail", "--Name", "org-trail", "--SlsProjectArn", sls, "--IsOrganizationTrail", "true");
        expect("MaximumNumberOfOrganizationTrailExceeded", "Your account can create only one organization trail.",
                "CreateTrail", "--Name", "org-trail-2", "--SlsProjectArn", sls, "--IsOrganizationTrail", "true");
        cli.ok("account", "--no-resource-directory");
        expect("NotAllowCreateOrganizationTrail", "Your account does not allow you to create organization trail. "
                        + "Submit a ticket to get customer support.",
                "CreateTrail", "--Name", "org-trail-3", "--SlsProjectArn", sls, "--IsOrganizationTrail", "true");

        for (int i = 3; i <= 5; i++) {
            cli.ok("CreateTrail", "--Name", "sls-trail-" + i, "--SlsProjectArn", sls);
        }
        expect("MaximumNumberOfTrailsExceededException",
                "The number of Trails in the same region exceeds the upper limit (5).",
                "CreateTrail", "--Name", "sls-trail-6", "--SlsProjectArn", sls);
        // the limit is per region
        cli.ok("CreateTrail", "--Name", "sls-trail-6", "--SlsProjectArn", sls, "--region", "cn-shanghai");

        expect("MissingParameter",
                "The input parameter \"RoleName\" that is mandatory for processing this request is not supplied.",
                "CreateTrail", "--Version", "2017-12-04", "--Name", "legacy-trail", "--OssBucketName", "second-bucket");
        expect("MissingParameter",
                "The input parameter \"OssBucketName\" that is mandatory for processing this request is not supplied.",
                "CreateTrail", "--Version", "2017-12-04", "--Name", "legacy-trail", "--RoleName", "r");
    }

    @Test
    void updateTrailErrors() {
        cli.ok("CreateTrail", "--Name", "trail-test", "--OssBucketName", "audit-log");
        cli.ok("CreateTrail", "--Name", "trail-two", "--OssBucketName", "second-bucket");
        expect("TrailNotFoundException", "The specified Trail does not exist.",
                "UpdateTrail", "--Name", "no-such-trail", "--EventRW", "Read");
        expect("TrailNotFoundException", "The specified Trail does not exist.",
                "UpdateTrail", "--Name", "trail-test", "--EventRW", "Read", "--region", "cn-beijing");
        expect("InvalidTrailNameException", "The specified Trail name is invalid.",
                "UpdateTrail", "--Name", "X", "--EventRW", "Read");
        expect("RepeatOssBucket", "The specified OSS bucket is already in use. We recommend that you modify the "
                        + "existing Trail or specify another bucket.",
                "UpdateTrail", "--Name", "trail-two", "--OssBucketName", "audit-log");
        expect("BucketDoesNotExistException", "The specified OSS bucket does not exist.",
                "UpdateTrail", "--Name", "trail-test", "--OssBucketName", "no-such-bucket");
        expect("InvalidPrefixException", "The specified OSS bucket prefix is invalid.",
                "UpdateTrail", "--Name", "trail-test", "--OssKeyPrefix", "x");
        expect("InvalidDeliveryConfigurationException",
                "You must specify at least one Log Service project or OSS bucket for a Trail.",
                "UpdateTrail", "--Name", "trail-test", "--OssBucketName", "");
        expect("SlsProjectDoesNotExistException", "The specified Log Service project does not exist.",
                "UpdateTrail", "--Name", "trail-test", "--SlsProjectArn",
                "acs:log:cn-hangzhou:" + account + ":project/no-such-project");
        expect("InsufficientBucketPolicyException", "Access to the specified OSS bucket was denied.",
                "UpdateTrail", "--Name", "trail-test", "--OssWriteRoleArn",
                "acs:ram::1111111111111111:role/other-account-role");
        expect("InsufficientSlsPolicyException", "Access to the specified Log Service project was denied.",
                "UpdateTrail", "--Name", "trail-test", "--SlsProjectArn",
                "acs:log:cn-hangzhou:" + account + ":project/audit-project", "--SlsWriteRoleArn",
                "acs:ram::1111111111111111:role/other-account-role");
        expect("InvalidBucketNameException", "The specified OSS bucket name is invalid.",
                "UpdateTrail", "--Name", "trail-test", "--OssBucketName", "-bad");
    }

    @Test
    void lookupEventsErrors() {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String dayAgo = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        expect("InvalidLookupAttributesException",
                "LookupAttribute Key is not valid. Only support specific values or combinations.",
                "LookupEvents", "--LookupAttribute.1.Key", "Colour", "--LookupAttribute.1.Value", "blue");
        expect("InvalidLookupAttributesException",
                "LookupAttribute Key is not valid. Only support specific values or combinations.",
                "LookupEvents", "--LookupAttribute.1.Key", "eventname", "--LookupAttribute.1.Value", "x");
        expect("LookupEventsParameterError", "LookupEvents params error.",
                "LookupEvents", "--LookupAttribute.1.Key", "EventName");
        expect("InvalidParameterStartTime", "The specified StartTime is invalid. Expected yyyy-MM-ddTHH:mm:ssZ (UTC), for example 2026-12-08T00:00:00Z.",
                "LookupEvents", "--StartTime", "yesterday", "--EndTime", now);
        expect("InvalidParameterEndTime", "The specified EndTime is invalid. Expected yyyy-MM-ddTHH:mm:ssZ (UTC), for example 2026-12-08T00:00:00Z.",
                "LookupEvents", "--StartTime", dayAgo, "--EndTime", "2020-13-01T00:00:00Z");
        expect("InvalidParameterCombination", "The end time must be later than the start time.",
                "LookupEvents", "--StartTime", now, "--EndTime", dayAgo);
        expect("InvalidParameterCombination",
                "The end time must be later than the start time. StartTime and EndTime are given together.",
                "LookupEvents", "--StartTime", dayAgo);
        expect("InvalidParameterStartTimeExceedsCurrent",
                "The StartTime exceeds the current time. Use GMT time format for queries.",
                "LookupEvents", "--StartTime", Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
                        .toString(), "--EndTime", Instant.now().plus(3, ChronoUnit.DAYS)
                        .truncatedTo(ChronoUnit.SECONDS).toString());
        expect("InvalidParameterStartTimeOutOfDate", "The StartTime exceeds the limit of 90 days.",
                "LookupEvents", "--StartTime", Instant.now().minus(91, ChronoUnit.DAYS)
                        .truncatedTo(ChronoUnit.SECONDS).toString(), "--EndTime", Instant.now()
                        .minus(80, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        expect("InvalidParameterDateOutOfRange", "Query time range exceeds 30 days.",
                "LookupEvents", "--StartTime", Instant.now().minus(40, ChronoUnit.DAYS)
                        .truncatedTo(ChronoUnit.SECONDS).toString(), "--EndTime", now);
        expect("InvalidParameterValue", "The specified parameter is invalid. MaxResults is an integer from 1 to 50.",
                "LookupEvents", "--MaxResults", "51");
        expect("InvalidParameterValue", "The specified parameter is invalid.",
                "LookupEvents", "--Direction", "SIDEWAYS");
        expect("InvalidNextToken", "NextToken is not valid.", "LookupEvents", "--NextToken", "bm90LWEtdG9rZW4");
        expect("InvalidTimeRangeException",
                "The end time must be later than the start time. The time span cannot exceed 30 days.",
                "LookupEvents", "--Version", "2017-12-04", "--StartTime", now, "--EndTime", dayAgo);
        expect("InvalidVersion", "Specified parameter Version is not valid.",
                "LookupEvents", "--Version", "2019-01-01");
    }
}
