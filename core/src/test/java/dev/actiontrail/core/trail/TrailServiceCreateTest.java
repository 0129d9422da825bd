package dev.actiontrail.core.trail;

import dev.actiontrail.core.api.ApiVersion;
import dev.actiontrail.core.api.CallContext;
import dev.actiontrail.core.error.ApiException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CreateTrail (§2.2, seed 001; 2017-12-04: §3, seeds 003/004). */
class TrailServiceCreateTest extends TrailServiceTestSupport {

    @Nested
    class Defaults {
        @Test
        void aNewOssTrailHasTheDocumentedDefaultsOf2020() {
            Trail t = service.create(ctx(HZ), named("trail-test").bucket("audit-log").build());

            assertEquals(ACCOUNT_ID, t.accountId());
            assertEquals("trail-test", t.name());
            assertEquals("cn-hangzhou", t.homeRegion());
            assertEquals("audit-log", t.ossBucketName());
            assertEquals("", t.ossKeyPrefix());
            assertEquals("acs:ram::1234567890123456:role/aliyunserviceroleforactiontrail", t.ossWriteRoleArn());
            assertEquals("", t.slsProjectArn());
            assertEquals("", t.slsWriteRoleArn());
            assertEquals("", t.maxComputeProjectArn());
            assertEquals("", t.maxComputeWriteRoleArn());
            assertEquals("", t.roleName());
            assertEquals(EventRW.All, t.eventRW());
            assertEquals("All", t.trailRegion().value());
            assertFalse(t.organizationTrail());
            assertEquals("", t.organizationId());
            assertEquals(TrailStatus.Fresh, t.status());
            assertFalse(t.isLogging());
            assertEquals(NOW, t.createTime());
            assertEquals(NOW, t.updateTime());
            assertNull(t.startLoggingTime());
            assertNull(t.stopLoggingTime());
            assertEquals("acs:actiontrail:cn-hangzhou:1234567890123456:trail/trail-test", t.trailArn());
            assertEquals(List.of(t), repository.all());
        }

        @Test
        void theHomeRegionIsTheRegionOfTheCall() {
            Trail t = service.create(ctx(SH), named("trail-test").bucket("audit-log").build());
            assertEquals("cn-shanghai", t.homeRegion());
            assertEquals("acs:actiontrail:cn-shanghai:1234567890123456:trail/trail-test", t.trailArn());
        }

        @Test
        void everyDestinationAndSettingIsEchoedAndUnsetWriteRolesAreTheServiceLinkedRole() {
            Trail t = service.create(ctx(HZ), named("trail-full").bucket("audit-log")
                    .prefix("at-product-account-audit-B")
                    .ossRole("acs:ram::" + ID + ":role/oss-writer")
                    .sls(SLS_ARN)
                    .odps(ODPS_ARN)
                    .eventRW("Read")
                    .trailRegion("cn-beijing")
                    .build());

            assertEquals("at-product-account-audit-B", t.ossKeyPrefix());
            assertEquals("acs:ram::1234567890123456:role/oss-writer", t.ossWriteRoleArn());
            assertEquals(SLS_ARN, t.slsProjectArn());
            assertEquals(SLR, t.slsWriteRoleArn());
            assertEquals(ODPS_ARN, t.maxComputeProjectArn());
            assertEquals(SLR, t.maxComputeWriteRoleArn());
            assertEquals(EventRW.Read, t.eventRW());
            assertEquals("cn-beijing", t.trailRegion().value());
            assertEquals(Optional.of(t), repository.find(ACCOUNT_ID, "trail-full"));
        }

        @Test
        void explicitWriteRolesOfTheOwnAccountAreKept() {
            Trail t = service.create(ctx(HZ), named("trail-roles").sls(SLS_ARN)
                    .slsRole("acs:ram::" + ID + ":role/sls-writer")
                    .odps(ODPS_ARN).odpsRole("acs:ram::" + ID + ":role/odps-writer").build());
            assertEquals("acs:ram::1234567890123456:role/sls-writer", t.slsWriteRoleArn());
            assertEquals("acs:ram::1234567890123456:role/odps-writer", t.maxComputeWriteRoleArn());
            assertEquals("", t.ossWriteRoleArn(), "no OSS destination, no OSS role");
        }

        @Test
        void anSlsDestinationCreatesTheLogstoreActiontrailTrailName() {
            createSls(HZ, "trail-sls");
            assertEquals(Set.of("actiontrail_trail-sls"), resources.logstores(ACCOUNT_ID, "audit-project"));
        }

        @Test
        void anSlsProjectArnWithoutAccountMeansTheCallersProject() {
            Trail t = service.create(ctx(HZ), named("trail-sls").sls("acs:log:cn-shanghai::project/audit-project")
                    .build());
            assertEquals("acs:log:cn-shanghai::project/audit-project", t.slsProjectArn());
            assertEquals(Set.of("actiontrail_trail-sls"), resources.logstores(ACCOUNT_ID, "audit-project"));
        }

        @Test
        void aMaxComputeDestinationCreatesTheProject() {
            service.create(ctx(HZ), named("trail-odps").odps(ODPS_ARN).build());
            assertEquals(Set.of("actiontrail_audit"), resources.maxComputeProjects(ACCOUNT_ID));
        }

        @Test
        void version2017DefaultsEventRwToWriteAndKeepsTheRoleName() {
            Trail t = service.create(ctx2017(HZ), named("trail-2017").bucket("audit-log")
                    .roleName("aliyunactiontraildefaultrole").build());
            assertEquals(EventRW.Write, t.eventRW());
            assertEquals("All", t.trailRegion().value());
            assertEquals("aliyunactiontraildefaultrole", t.roleName());
            assertEquals("", t.ossWriteRoleArn(), "2017-12-04 trails name a RoleName, not write role ARNs");
            assertEquals(TrailStatus.Fresh, t.status());
            assertEquals("cn-hangzhou", t.homeRegion());
        }

        @Test
        void version2017AcceptsAnExplicitEventRw() {
            Trail t = service.create(ctx2017(HZ), named("trail-2017").bucket("audit-log")
                    .roleName("aliyunactiontraildefaultrole").eventRW("All").build());
            assertEquals(EventRW.All, t.eventRW());
        }

        @ParameterizedTest
        @ValueSource(strings = {"true", "TRUE", "True"})
        void isOrganizationTrailIsABooleanOfAnyCase(String value) {
            Trail t = service.create(ctx(HZ), named("trail-org").bucket("audit-log").org(value).build());
            assertTrue(t.organizationTrail());
        }

        @ParameterizedTest
        @ValueSource(strings = {"false", "FALSE", ""})
        void isOrganizationTrailFalseOrEmptyIsASingleAccountTrail(String value) {
            Trail t = service.create(ctx(HZ), named("trail-one").bucket("audit-log").org(value).build());
            assertFalse(t.organizationTrail());
            assertEquals("", t.organizationId());
        }
    }

    @Nested
    class Validation {
        @ParameterizedTest
        @NullAndEmptySource
        void aMissingNameIsMissingParameter(String name) {
            ApiException e = fails("MissingParameter", 400,
                    () -> service.create(ctx(HZ), named(name).bucket("audit-log").build()));
            assertEquals("The input parameter \"Name\" that is mandatory for processing this request is not supplied.",
                    e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"trail", "Trail-test", "trail-Test", "1trail", "_trail", "-trail", "trail.test",
                "trail test", "trail/test", "trail中文名称", "abcdefghij-abcdefghij-abcdefghij-abcd"})
        void aMalformedNameIsInvalidTrailNameException(String name) {
            ApiException e = fails("InvalidTrailNameException", 400,
                    () -> service.create(ctx(HZ), named(name).bucket("audit-log").build()));
            assertEquals("The specified Trail name is invalid.", e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"abcdef", "a_b-c9", "abcdefghij-abcdefghij-abcdefghij-abc"})
        void namesOfSixToThirtySixCharactersAreAccepted(String name) {
            assertEquals(name, service.create(ctx(HZ), named(name).bucket("audit-log").build()).name());
        }

        @ParameterizedTest
        @ValueSource(strings = {"ab", "Audit-log", "audit_log", "-audit", "audit-", "audit.log", "audit log",
                "a123456789a123456789a123456789a123456789a123456789a123456789abcd"})
        void aMalformedBucketNameIsInvalidBucketNameException(String bucket) {
            ApiException e = fails("InvalidBucketNameException", 400,
                    () -> service.create(ctx(HZ), named("trail-test").bucket(bucket).build()));
            assertEquals("The specified OSS bucket name is invalid.", e.getMessage());
            fails("InvalidBucketNameException", 400, () -> service.create(ctx2017(HZ),
                    named("trail-test").bucket(bucket).roleName("aliyunactiontraildefaultrole").build()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"a1b", "0-9", "a123456789a123456789a123456789a123456789a123456789a123456789abc"})
        void bucketNamesOfThreeToSixtyThreeCharactersAreAccepted(String bucket) {
            resources.addBucket(ACCOUNT_ID, bucket);
            assertEquals(bucket, service.create(ctx(HZ), named("trail-test").bucket(bucket).build()).ossBucketName());
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "abcde", "1prefix", "/prefix", "-prefix", "prefix.log", "prefix log",
                "a123456789a123456789a123456789abc"})
        void aMalformedPrefixIsInvalidPrefixException(String prefix) {
            ApiException e = fails("InvalidPrefixException", 400,
                    () -> service.create(ctx(HZ), named("trail-test").bucket("audit-log").prefix(prefix).build()));
            assertEquals("The specified OSS bucket prefix is invalid.", e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"abcdef", "at-product-account-audit-B", "Logs/2024_a-b",
                "a123456789a123456789a123456789ab"})
        void prefixesOfSixToThirtyTwoCharactersAreAccepted(String prefix) {
            Trail t = service.create(ctx(HZ), named("trail-test").bucket("audit-log").prefix(prefix).build());
            assertEquals(prefix, t.ossKeyPrefix());
        }

        @ParameterizedTest(name = "{0}={1}")
        @CsvSource({
                "OssWriteRoleArn, aliyunserviceroleforactiontrail",
                "OssWriteRoleArn, acs:ram:cn-hangzhou:1234567890123456:role/oss-writer",
                "OssWriteRoleArn, acs:ram::1234567890123456:user/alice",
                "OssWriteRoleArn, acs:oss::1234567890123456:role/oss-writer",
                "OssWriteRoleArn, acs:ram::12345678901234ab:role/oss-writer",
                "OssWriteRoleArn, acs:ram::1234567890123456:role/bad role",
                "SlsProjectArn, audit-project",
                "SlsProjectArn, acs:log::1234567890123456:project/audit-project",
                "SlsProjectArn, acs:log:cn-hangzhou:1234567890123456:logstore/audit-project",
                "SlsProjectArn, acs:oss:cn-hangzhou:1234567890123456:project/audit-project",
                "SlsProjectArn, acs:log:cn-hangzhou:1234567890123456:project/Audit_Project",
                "SlsWriteRoleArn, acs:ram::1234567890123456:project/sls-writer",
                "MaxComputeProjectArn, acs:odps:cn-hangzhou:1234567890123456:project/audit_project",
                "MaxComputeProjectArn, acs:odps::1234567890123456:project/actiontrail_audit",
                "MaxComputeProjectArn, acs:log:cn-hangzhou:1234567890123456:project/actiontrail_audit",
                "MaxComputeProjectArn, acs:odps:cn-hangzhou:1234567890123456:table/actiontrail_audit",
                "MaxComputeProjectArn, actiontrail_audit",
                "MaxComputeWriteRoleArn, acs:ram:cn-hangzhou:1234567890123456:role/odps-writer",
                "EventRW, write",
                "EventRW, ReadWrite",
                "TrailRegion, mars-north-1",
                "TrailRegion, all",
                "IsOrganizationTrail, yes",
                "IsOrganizationTrail, 1",
        })
        void aMalformedParameterIsInvalidQueryParameter(String parameter, String value) {
            // every destination is given so the write roles are in play
            Req req = named("trail-test").bucket("audit-log").sls(SLS_ARN).odps(ODPS_ARN).set(parameter, value);
            ApiException e = fails("InvalidQueryParameter", 400, () -> service.create(ctx(HZ), req.build()));
            assertEquals("The specified query parameter is invalid.", e.getMessage());
        }

        @Test
        void theMaxComputeProjectMustStartWithActiontrail() {
            fails("InvalidQueryParameter", 400, () -> service.create(ctx(HZ), named("trail-test")
                    .odps("acs:odps:cn-hangzhou:" + ID + ":project/audit_actiontrail").build()));
            fails("InvalidQueryParameter", 400, () -> service.create(ctx(HZ), named("trail-test")
                    .odps("acs:odps:cn-hangzhou:" + ID + ":project/ActionTrail_audit").build()));
            assertEquals(Set.of(), resources.maxComputeProjects(ACCOUNT_ID));
        }

        @Test
        void withoutAnyDestinationTheDeliveryConfigurationIsInvalid() {
            ApiException e = fails("InvalidDeliveryConfigurationException", 400,
                    () -> service.create(ctx(HZ), named("trail-test").build()));
            assertEquals("You must specify at least one Log Service project or OSS bucket for a Trail.",
                    e.getMessage());
            fails("InvalidDeliveryConfigurationException", 400, () -> service.create(ctx(HZ),
                    named("trail-test").bucket("").sls("").odps("").build()));
            fails("InvalidDeliveryConfigurationException", 400, () -> service.create(ctx(HZ),
                    named("trail-test").prefix("abcdef").ossRole(SLR).slsRole(SLR).eventRW("Read").build()));
        }

        @Test
        void version2017RequiresOssBucketNameAndRoleName() {
            ApiException noBucket = fails("MissingParameter", 400, () -> service.create(ctx2017(HZ),
                    named("trail-2017").roleName("aliyunactiontraildefaultrole").sls(SLS_ARN).build()));
            assertEquals("The input parameter \"OssBucketName\" that is mandatory for processing this request is not"
                    + " supplied.", noBucket.getMessage());
            ApiException emptyBucket = fails("MissingParameter", 400, () -> service.create(ctx2017(HZ),
                    named("trail-2017").bucket("").roleName("aliyunactiontraildefaultrole").build()));
            assertTrue(emptyBucket.getMessage().contains("\"OssBucketName\""), emptyBucket.getMessage());

            ApiException noRole = fails("MissingParameter", 400, () -> service.create(ctx2017(HZ),
                    named("trail-2017").bucket("audit-log").build()));
            assertEquals("The input parameter \"RoleName\" that is mandatory for processing this request is not"
                    + " supplied.", noRole.getMessage());
            fails("MissingParameter", 400, () -> service.create(ctx2017(HZ),
                    named("trail-2017").bucket("audit-log").roleName("").build()));
        }

        @Test
        void version2020DoesNotRequireABucketOrRoleName() {
            Trail t = service.create(ctx(HZ), named("trail-sls").sls(SLS_ARN).build());
            assertEquals("", t.ossBucketName());
            assertEquals("", t.roleName());
        }
    }

    @Nested
    class Limits {
        @Test
        void aDuplicateNameIsTrailAlreadyExistsEvenFromAnotherRegion() {
            createOss("trail-test");
            ApiException e = fails("TrailAlreadyExistsException", 400,
                    () -> service.create(ctx(HZ), named("trail-test").bucket("audit-log-2").build()));
            assertEquals("The specified Trail name already exists.", e.getMessage());
            fails("TrailAlreadyExistsException", 400,
                    () -> service.create(ctx(BJ), named("trail-test").bucket("audit-log-2").build()));
        }

        @Test
        void anotherAccountMayUseTheSameName() {
            createOss("trail-test");
            Trail t = service.create(new CallContext(PLAIN, HZ, ApiVersion.V2020_07_06),
                    named("trail-test").bucket("plain-log").build());
            assertEquals(PLAIN_ID, t.accountId());
            assertEquals(2, repository.all().size());
        }

        @Test
        void theSixthTrailInARegionIsRefusedWith403ButAnotherRegionIsFine() {
            for (int i = 1; i <= 5; i++) {
                createSls(HZ, "trail-hz-" + i);
            }
            ApiException e = fails("MaximumNumberOfTrailsExceededException", 403, () -> createSls(HZ, "trail-hz-6"));
            assertEquals("The number of Trails in the same region exceeds the upper limit (5).", e.getMessage());

            Trail bj = createSls(BJ, "trail-bj-1");
            assertEquals(BJ, bj.homeRegion());
            assertEquals(6, repository.all().size());
            fails("MaximumNumberOfTrailsExceededException", 403, () -> createSls(HZ, "trail-hz-6"));

            service.delete(ctx(HZ), "trail-hz-1");
            assertEquals(HZ, createSls(HZ, "trail-hz-6").homeRegion());
        }

        @Test
        void anAccountWithoutResourceDirectoryMayNotCreateAnOrganizationTrail() {
            CallContext plain = new CallContext(PLAIN, HZ, ApiVersion.V2020_07_06);
            ApiException e = fails("NotAllowCreateOrganizationTrail", 400,
                    () -> service.create(plain, named("trail-org").bucket("plain-log").org("true").build()));
            assertEquals("Your account does not allow you to create organization trail. Submit a ticket to get"
                    + " customer support.", e.getMessage());
            assertFalse(service.create(plain, named("trail-one").bucket("plain-log").build()).organizationTrail());
        }

        @Test
        void anAccountHasAtMostOneOrganizationTrail() {
            Trail org = service.create(ctx(HZ), named("trail-org").bucket("audit-log").org("true").build());
            assertTrue(org.organizationTrail());
            assertEquals("rd-Ab12Cd", org.organizationId());

            ApiException e = fails("MaximumNumberOfOrganizationTrailExceeded", 400,
                    () -> service.create(ctx(BJ), named("trail-org-2").sls(SLS_ARN).org("true").build()));
            assertEquals("Your account can create only one organization trail.", e.getMessage());

            Trail single = service.create(ctx(HZ), named("trail-single").sls(SLS_ARN).build());
            assertFalse(single.organizationTrail());
        }
    }

    @Nested
    class Destinations {
        @Test
        void aMissingBucketIs404() {
            ApiException e = fails("BucketDoesNotExistException", 404,
                    () -> service.create(ctx(HZ), named("trail-test").bucket("no-such-bucket").build()));
            assertEquals("The specified OSS bucket does not exist.", e.getMessage());
        }

        @Test
        void aDeniedBucketIs403() {
            ApiException e = fails("InsufficientBucketPolicyException", 403,
                    () -> service.create(ctx(HZ), named("trail-test").bucket("denied-log").build()));
            assertEquals("Access to the specified OSS bucket was denied.", e.getMessage());
        }

        @Test
        void anotherAccountsBucketIs403() {
            fails("InsufficientBucketPolicyException", 403,
                    () -> service.create(ctx(HZ), named("trail-test").bucket("other-log").build()));
        }

        @Test
        void anOssWriteRoleOfAnotherAccountIs403() {
            fails("InsufficientBucketPolicyException", 403, () -> service.create(ctx(HZ), named("trail-test")
                    .bucket("audit-log").ossRole("acs:ram::" + OTHER + ":role/aliyunserviceroleforactiontrail")
                    .build()));
        }

        @Test
        void aBucketUsedByAnotherTrailIsRepeatOssBucket() {
            createOss("trail-one");
            ApiException e = fails("RepeatOssBucket", 400, () -> service.create(ctx(HZ),
                    named("trail-two").bucket("audit-log").prefix("other-prefix").build()));
            assertEquals("The specified OSS bucket is already in use. We recommend that you modify the existing Trail"
                    + " or specify another bucket.", e.getMessage());
            fails("RepeatOssBucket", 400,
                    () -> service.create(ctx(BJ), named("trail-two").bucket("audit-log").build()));
        }

        @Test
        void aMissingSlsProjectIs400() {
            ApiException e = fails("SlsProjectDoesNotExistException", 400, () -> service.create(ctx(HZ),
                    named("trail-test").sls("acs:log:cn-hangzhou:" + ID + ":project/no-such-project").build()));
            assertEquals("The specified Log Service project does not exist.", e.getMessage());
        }

        @Test
        void anSlsProjectOfAnotherAccountIs403WithoutAWriteRoleOfThatAccount() {
            fails("InsufficientSlsPolicyException", 403, () -> service.create(ctx(HZ),
                    named("trail-test").sls("acs:log:cn-hangzhou:" + OTHER + ":project/other-project").build()));
            assertEquals(Set.of(), resources.logstores(OTHER_ID, "other-project"));
        }

        @Test
        void aDeniedSlsProjectIs403() {
            ApiException e = fails("InsufficientSlsPolicyException", 403, () -> service.create(ctx(HZ),
                    named("trail-test").sls("acs:log:cn-hangzhou:" + ID + ":project/denied-project").build()));
            assertEquals("Access to the specified Log Service project was denied.", e.getMessage());
        }

        @Test
        void anSlsWriteRoleOfAnotherAccountIs403() {
            fails("InsufficientSlsPolicyException", 403, () -> service.create(ctx(HZ), named("trail-test")
                    .sls(SLS_ARN).slsRole("acs:ram::" + OTHER + ":role/aliyunserviceroleforactiontrail").build()));
        }

        @Test
        void aMaxComputeProjectOfAnotherAccountIsInvalid() {
            fails("InvalidQueryParameter", 400, () -> service.create(ctx(HZ), named("trail-test")
                    .odps("acs:odps:cn-hangzhou:" + OTHER + ":project/actiontrail_audit").build()));
        }

        @Test
        void aLogstoreThatCannotBeCreatedIsCreateLogStoreError() {
            resources.failLogstoreCreation(ACCOUNT_ID, "audit-project");
            ApiException e = fails("CreateLogStoreError", 400, () -> createSls(HZ, "trail-sls"));
            assertEquals("Failed to create or update the logstore.", e.getMessage());
        }

        @Test
        void aMaxComputeProjectThatCannotBeCreatedIsInternalErrorAndNoTrail() {
            resources.failMaxComputeCreation(true);
            ApiException e = fails("InternalError", 500,
                    () -> service.create(ctx(HZ), named("trail-odps").odps(ODPS_ARN).build()));
            assertEquals("An error occurred while processing your request. Please try again. If the problem still"
                    + " exists, submit a ticket.", e.getMessage());
        }

        @Test
        void aFailedCreateCreatesNoLogstore() {
            fails("BucketDoesNotExistException", 404, () -> service.create(ctx(HZ),
                    named("trail-test").sls(SLS_ARN).bucket("no-such-bucket").build()));
            fails("InsufficientBucketPolicyException", 403, () -> service.create(ctx(HZ),
                    named("trail-test").sls(SLS_ARN).bucket("denied-log").build()));
            fails("InvalidQueryParameter", 400, () -> service.create(ctx(HZ),
                    named("trail-test").sls(SLS_ARN).odps("acs:odps:cn-hangzhou:" + OTHER
                            + ":project/actiontrail_audit").build()));
            assertEquals(Set.of(), resources.logstores(ACCOUNT_ID, "audit-project"));
            assertEquals(Set.of(), resources.maxComputeProjects(ACCOUNT_ID));
        }
    }
}
