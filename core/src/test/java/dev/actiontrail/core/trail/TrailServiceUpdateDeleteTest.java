package dev.actiontrail.core.trail;

import dev.actiontrail.core.api.ApiVersion;
import dev.actiontrail.core.api.CallContext;
import dev.actiontrail.core.error.ApiException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** UpdateTrail (§2.3) and DeleteTrail (§2.4). */
class TrailServiceUpdateDeleteTest extends TrailServiceTestSupport {

    @Nested
    class Update {
        private Trail original;

        private Trail createFull() {
            original = service.create(ctx(HZ), named("trail-test").bucket("audit-log").prefix("first-prefix")
                    .sls(SLS_ARN).eventRW("Read").trailRegion("cn-beijing").build());
            return original;
        }

        @Test
        void unspecifiedFieldsAreKeptAndUpdateTimeAdvances() {
            createFull();
            service.startLogging(ctx(HZ), "trail-test");
            Trail started = repository.find(ACCOUNT_ID, "trail-test").orElseThrow();
            clock.advance(Duration.ofHours(1));

            Trail updated = service.update(ctx(HZ), named("trail-test").prefix("second-prefix").build());

            assertEquals("second-prefix", updated.ossKeyPrefix());
            assertEquals("audit-log", updated.ossBucketName());
            assertEquals(SLR, updated.ossWriteRoleArn());
            assertEquals(SLS_ARN, updated.slsProjectArn());
            assertEquals(SLR, updated.slsWriteRoleArn());
            assertEquals(EventRW.Read, updated.eventRW(), "not reset to the CreateTrail default");
            assertEquals("cn-beijing", updated.trailRegion().value());
            assertEquals(HZ, updated.homeRegion());
            assertEquals(TrailStatus.Enable, updated.status());
            assertEquals(started.startLoggingTime(), updated.startLoggingTime());
            assertEquals(original.createTime(), updated.createTime());
            assertEquals(Instant.parse("2024-05-20T13:00:00Z"), updated.updateTime());
            assertEquals(Optional.of(updated), repository.find(ACCOUNT_ID, "trail-test"));
        }

        @Test
        void givenFieldsAreChanged() {
            createFull();
            Trail updated = service.update(ctx(HZ), named("trail-test").bucket("audit-log-2").eventRW("Write")
                    .trailRegion("All").ossRole("acs:ram::" + ID + ":role/oss-writer").build());
            assertEquals("audit-log-2", updated.ossBucketName());
            assertEquals("acs:ram::1234567890123456:role/oss-writer", updated.ossWriteRoleArn());
            assertEquals(EventRW.Write, updated.eventRW());
            assertEquals(TrailRegion.ALL, updated.trailRegion());
            assertEquals("first-prefix", updated.ossKeyPrefix());
        }

        @Test
        void anEmptyValueClearsAnOptionalSetting() {
            createFull();
            Trail updated = service.update(ctx(HZ), named("trail-test").sls("").prefix("").build());
            assertEquals("", updated.slsProjectArn());
            assertEquals("", updated.slsWriteRoleArn());
            assertEquals("", updated.ossKeyPrefix());
            assertEquals("audit-log", updated.ossBucketName());
        }

        @Test
        void addingAnSlsDestinationDefaultsItsRoleAndCreatesTheLogstore() {
            createOss("trail-test");
            Trail updated = service.update(ctx(HZ), named("trail-test").sls(SLS_ARN).build());
            assertEquals(SLS_ARN, updated.slsProjectArn());
            assertEquals(SLR, updated.slsWriteRoleArn());
            assertEquals(Set.of("actiontrail_trail-test"), resources.logstores(ACCOUNT_ID, "audit-project"));
        }

        @Test
        void resendingTheTrailsOwnBucketIsNotARepeat() {
            createOss("trail-test");
            assertEquals("audit-log",
                    service.update(ctx(HZ), named("trail-test").bucket("audit-log").build()).ossBucketName());
        }

        @Test
        void clearingTheLastDestinationIsInvalidDeliveryConfiguration() {
            createOss("trail-test");
            fails("InvalidDeliveryConfigurationException", 400,
                    () -> service.update(ctx(HZ), named("trail-test").bucket("").build()));
        }

        @Test
        void fromAnotherRegionTheTrailIsNotFound() {
            createOss("trail-test");
            ApiException e = fails("TrailNotFoundException", 404,
                    () -> service.update(ctx(BJ), named("trail-test").eventRW("Write").build()));
            assertEquals("The specified Trail does not exist.", e.getMessage());
        }

        @Test
        void anUnknownTrailIsNotFound() {
            createOss("trail-test");
            fails("TrailNotFoundException", 404,
                    () -> service.update(ctx(HZ), named("trail-other").eventRW("Write").build()));
            fails("TrailNotFoundException", 404,
                    () -> service.update(new CallContext(PLAIN, HZ, ApiVersion.V2020_07_06),
                            named("trail-test").eventRW("Write").build()));
        }

        @Test
        void theValidationAndDestinationRulesOfCreateApply() {
            createOss("trail-test");
            service.create(ctx(HZ), named("trail-two").bucket("audit-log-2").build());

            fails("RepeatOssBucket", 400, () -> service.update(ctx(HZ), named("trail-test").bucket("audit-log-2")
                    .build()));
            fails("InvalidPrefixException", 400, () -> service.update(ctx(HZ), named("trail-test").prefix("bad")
                    .build()));
            fails("InvalidBucketNameException", 400, () -> service.update(ctx(HZ), named("trail-test")
                    .bucket("Bad_Bucket").build()));
            fails("BucketDoesNotExistException", 404, () -> service.update(ctx(HZ), named("trail-test")
                    .bucket("no-such-bucket").build()));
            fails("InsufficientBucketPolicyException", 403, () -> service.update(ctx(HZ), named("trail-test")
                    .bucket("denied-log").build()));
            fails("InvalidQueryParameter", 400, () -> service.update(ctx(HZ), named("trail-test").eventRW("Both")
                    .build()));
            fails("SlsProjectDoesNotExistException", 400, () -> service.update(ctx(HZ), named("trail-test")
                    .sls("acs:log:cn-hangzhou:" + ID + ":project/no-such-project").build()));
            fails("InsufficientSlsPolicyException", 403, () -> service.update(ctx(HZ), named("trail-test")
                    .sls("acs:log:cn-hangzhou:" + ID + ":project/denied-project").build()));
            fails("InvalidTrailNameException", 400, () -> service.update(ctx(HZ), named("Trail-Test").build()));
            fails("MissingParameter", 400, () -> service.update(ctx(HZ), named(null).build()));
        }

        @Test
        void anUpdateThatFailsCreatesNoLogstore() {
            createOss("trail-test");
            fails("BucketDoesNotExistException", 404, () -> service.update(ctx(HZ), named("trail-test")
                    .sls(SLS_ARN).bucket("no-such-bucket").build()));
            assertEquals(Set.of(), resources.logstores(ACCOUNT_ID, "audit-project"));
        }

        @Test
        void theOrganizationFlagIsNotChangedByUpdate() {
            service.create(ctx(HZ), named("trail-org").bucket("audit-log").org("true").build());
            Trail updated = service.update(ctx(HZ), named("trail-org").eventRW("Read").org("false").build());
            assertTrue(updated.organizationTrail());
            assertEquals("rd-Ab12Cd", updated.organizationId());
        }

        @Test
        void version2017KeepsOrReplacesTheRoleName() {
            service.create(ctx2017(HZ), named("trail-2017").bucket("audit-log").roleName("custom-role").build());
            Trail kept = service.update(ctx2017(HZ), named("trail-2017").eventRW("All").build());
            assertEquals("custom-role", kept.roleName());
            assertEquals(EventRW.All, kept.eventRW());
            Trail replaced = service.update(ctx2017(HZ), named("trail-2017").roleName("aliyunactiontraildefaultrole")
                    .build());
            assertEquals("aliyunactiontraildefaultrole", replaced.roleName());
            assertEquals(EventRW.All, replaced.eventRW());
        }
    }

    @Nested
    class Delete {
        @Test
        void deleteRemovesTheTrail() {
            createOss("trail-one");
            createSls(HZ, "trail-two");
            service.delete(ctx(HZ), "trail-one");
            assertEquals(List.of("trail-two"), repository.all().stream().map(Trail::name).toList());
            assertEquals(List.of("trail-two"),
                    service.describe(ctx(HZ), null, false).stream().map(Trail::name).toList());
        }

        @Test
        void afterDeletionTheNameAndTheBucketMayBeUsedAgain() {
            createOss("trail-one");
            service.delete(ctx(HZ), "trail-one");
            Trail again = service.create(ctx(BJ), named("trail-one").bucket("audit-log").build());
            assertEquals(BJ, again.homeRegion());
            Trail other = service.create(ctx(BJ), named("trail-two").bucket("audit-log-2").build());
            assertEquals("audit-log-2", other.ossBucketName());
        }

        @Test
        void anUnknownTrailIsNotFoundIn2020AndAnInvalidNameIn2017() {
            createOss("trail-one");
            fails("TrailNotFoundException", 404, () -> service.delete(ctx(HZ), "trail-two"));
            ApiException legacy = fails("InvalidTrailNameException", 400,
                    () -> service.delete(ctx2017(HZ), "trail-two"));
            assertEquals("The specified Trail name is invalid.", legacy.getMessage());
        }

        @Test
        void aMalformedOrMissingNameIsRejected() {
            createOss("trail-one");
            fails("InvalidTrailNameException", 400, () -> service.delete(ctx(HZ), "Trail-One"));
            fails("MissingParameter", 400, () -> service.delete(ctx(HZ), null));
            fails("MissingParameter", 400, () -> service.delete(ctx(HZ), ""));
        }

        @Test
        void deleteOnlyTouchesTheCallersAccount() {
            createOss("trail-one");
            CallContext plain = new CallContext(PLAIN, HZ, ApiVersion.V2020_07_06);
            service.create(plain, named("trail-one").bucket("plain-log").build());
            service.delete(plain, "trail-one");
            assertEquals(List.of(ACCOUNT_ID), repository.all().stream().map(Trail::accountId).toList());
            fails("TrailNotFoundException", 404, () -> service.delete(plain, "trail-one"));
        }
    }
}
