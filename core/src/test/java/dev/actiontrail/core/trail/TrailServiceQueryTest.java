package dev.actiontrail.core.trail;

import dev.actiontrail.core.api.ApiVersion;
import dev.actiontrail.core.api.CallContext;
import dev.actiontrail.core.error.ApiException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DescribeTrails (§2.5), GetTrailStatus (§2.6), StartLogging / StopLogging (§2.7). */
class TrailServiceQueryTest extends TrailServiceTestSupport {

    private static List<String> names(List<Trail> trails) {
        return trails.stream().map(Trail::name).toList();
    }

    @Nested
    class Describe {
        @BeforeEach
        void trailsInSeveralRegions() {
            service.create(ctx(HZ), named("trail-hz-bj").sls(SLS_ARN).trailRegion(BJ).build());
            service.create(ctx(HZ), named("trail-hz-all").bucket("audit-log").build());
            service.create(ctx(SH), named("trail-sh-all").sls(SLS_ARN).build());
            service.create(ctx(BJ), named("trail-bj-own").bucket("audit-log-2").trailRegion(BJ).build());
        }

        @Test
        void withoutShadowTrailsOnlyTrailsOfTheHomeRegionAreListedByName() {
            assertEquals(List.of("trail-hz-all", "trail-hz-bj"), names(service.describe(ctx(HZ), null, false)));
            assertEquals(List.of("trail-sh-all"), names(service.describe(ctx(SH), null, false)));
            assertEquals(List.of(), names(service.describe(ctx("cn-qingdao"), null, false)));
        }

        @Test
        void shadowTrailsAreTrailsOfOtherHomeRegionsThatCoverThisRegion() {
            assertEquals(List.of("trail-hz-all", "trail-sh-all"), names(service.describe(ctx(SH), null, true)));
            assertEquals(List.of("trail-bj-own", "trail-hz-all", "trail-hz-bj", "trail-sh-all"),
                    names(service.describe(ctx(BJ), null, true)));
            assertEquals(List.of("trail-hz-all", "trail-sh-all"),
                    names(service.describe(ctx("cn-qingdao"), null, true)));
        }

        @Test
        void theListedTrailsAreTheStoredOnes() {
            List<Trail> listed = service.describe(ctx(HZ), null, false);
            assertEquals(List.of(repository.find(ACCOUNT_ID, "trail-hz-all").orElseThrow(),
                    repository.find(ACCOUNT_ID, "trail-hz-bj").orElseThrow()), listed);
        }

        @Test
        void theNameListRestrictsTheAnswerAndUnknownNamesAreAbsent() {
            assertEquals(List.of("trail-hz-bj"),
                    names(service.describe(ctx(HZ), List.of("trail-hz-bj", "trail-unknown"), false)));
            assertEquals(List.of("trail-sh-all"),
                    names(service.describe(ctx(SH), List.of("trail-sh-all", "trail-hz-all"), false)));
            assertEquals(List.of("trail-bj-own", "trail-hz-all"),
                    names(service.describe(ctx(BJ), List.of("trail-hz-all", "trail-bj-own"), true)));
        }

        @Test
        void aMalformedNameInTheNameListIsInvalidTrailName() {
            fails("InvalidTrailNameException", 400,
                    () -> service.describe(ctx(HZ), List.of("trail-hz-all", "Bad Name"), false));
        }

        @Test
        void anotherAccountSeesNoneOfThem() {
            CallContext plain = new CallContext(PLAIN, HZ, ApiVersion.V2020_07_06);
            assertEquals(List.of(), service.describe(plain, null, true));
        }
    }

    @Nested
    class Status {
        @Test
        void aFreshOssTrailReportsItsBucketAndNoLogstore() {
            Trail t = createOss("trail-test");
            TrailStatusReport report = service.status(ctx(HZ), "trail-test", false);
            assertEquals(t, report.trail());
            assertFalse(report.trail().isLogging());
            assertEquals(Boolean.TRUE, report.ossBucketStatus());
            assertNull(report.slsLogStoreStatus());
        }

        @Test
        void destinationsAreCheckedAtTheTimeOfTheCall() {
            service.create(ctx(HZ), named("trail-test").bucket("audit-log").sls(SLS_ARN).build());
            TrailStatusReport ok = service.status(ctx(HZ), "trail-test", false);
            assertEquals(Boolean.TRUE, ok.ossBucketStatus());
            assertEquals(Boolean.TRUE, ok.slsLogStoreStatus());

            resources.denyBucket("audit-log");
            resources.removeLogstore(ACCOUNT_ID, "audit-project", "actiontrail_trail-test");
            TrailStatusReport broken = service.status(ctx(HZ), "trail-test", false);
            assertEquals(Boolean.FALSE, broken.ossBucketStatus());
            assertEquals(Boolean.FALSE, broken.slsLogStoreStatus());
        }

        @Test
        void anSlsOnlyTrailHasNoBucketStatus() {
            createSls(HZ, "trail-sls");
            TrailStatusReport report = service.status(ctx(HZ), "trail-sls", false);
            assertNull(report.ossBucketStatus());
            assertEquals(Boolean.TRUE, report.slsLogStoreStatus());
        }

        @Test
        void theReportFollowsLogging() {
            createOss("trail-test");
            clock.advance(Duration.ofMinutes(5));
            service.startLogging(ctx(HZ), "trail-test");
            TrailStatusReport report = service.status(ctx(HZ), "trail-test", false);
            assertTrue(report.trail().isLogging());
            assertEquals(Instant.parse("2024-05-20T12:05:00Z"), report.trail().startLoggingTime());
        }

        @Test
        void isOrganizationTrailAsksForAnOrganizationTrail() {
            createOss("trail-single");
            service.create(ctx(HZ), named("trail-org").sls(SLS_ARN).org("true").build());
            fails("TrailNotFoundException", 404, () -> service.status(ctx(HZ), "trail-single", true));
            assertTrue(service.status(ctx(HZ), "trail-org", true).trail().organizationTrail());
            assertTrue(service.status(ctx(HZ), "trail-org", false).trail().organizationTrail());
        }

        @Test
        void anUnknownTrailIsNotFoundIn2020AndAnInvalidNameIn2017() {
            fails("TrailNotFoundException", 404, () -> service.status(ctx(HZ), "trail-test", false));
            fails("InvalidTrailNameException", 400, () -> service.status(ctx2017(HZ), "trail-test", false));
            fails("InvalidTrailNameException", 400, () -> service.status(ctx(HZ), "Trail_Test", false));
        }
    }

    @Nested
    class Logging {
        @Test
        void freshToEnableToDisableToEnableWithTimesFromTheClock() {
            Trail fresh = createOss("trail-test");
            assertEquals(TrailStatus.Fresh, fresh.status());

            clock.set("2024-05-20T13:00:00.500Z");
            Trail enabled = service.startLogging(ctx(HZ), "trail-test");
            assertEquals(TrailStatus.Enable, enabled.status());
            assertTrue(enabled.isLogging());
            assertEquals(Instant.parse("2024-05-20T13:00:00Z"), enabled.startLoggingTime());
            assertNull(enabled.stopLoggingTime());
            assertEquals(Instant.parse("2024-05-20T13:00:00Z"), enabled.updateTime());
            assertEquals(NOW, enabled.createTime());
            assertEquals(Optional.of(enabled), repository.find(ACCOUNT_ID, "trail-test"));

            clock.set("2024-05-20T14:00:00Z");
            Trail disabled = service.stopLogging(ctx(HZ), "trail-test");
            assertEquals(TrailStatus.Disable, disabled.status());
            assertFalse(disabled.isLogging());
            assertEquals(Instant.parse("2024-05-20T13:00:00Z"), disabled.startLoggingTime());
            assertEquals(Instant.parse("2024-05-20T14:00:00Z"), disabled.stopLoggingTime());
            assertEquals(Optional.of(disabled), repository.find(ACCOUNT_ID, "trail-test"));

            clock.set("2024-05-20T15:00:00Z");
            Trail again = service.startLogging(ctx(HZ), "trail-test");
            assertEquals(TrailStatus.Enable, again.status());
            assertEquals(Instant.parse("2024-05-20T15:00:00Z"), again.startLoggingTime());
            assertEquals(Instant.parse("2024-05-20T14:00:00Z"), again.stopLoggingTime());
            assertEquals(Optional.of(again), repository.find(ACCOUNT_ID, "trail-test"));
        }

        @Test
        void startingALoggingTrailChangesNothing() {
            createOss("trail-test");
            Trail enabled = service.startLogging(ctx(HZ), "trail-test");
            clock.advance(Duration.ofHours(1));
            assertEquals(enabled, service.startLogging(ctx(HZ), "trail-test"));
            assertEquals(Optional.of(enabled), repository.find(ACCOUNT_ID, "trail-test"));
        }

        @Test
        void stoppingATrailThatIsNotLoggingChangesNothing() {
            Trail fresh = createOss("trail-test");
            clock.advance(Duration.ofHours(1));
            assertEquals(fresh, service.stopLogging(ctx(HZ), "trail-test"));
            assertEquals(TrailStatus.Fresh, repository.find(ACCOUNT_ID, "trail-test").orElseThrow().status());

            service.startLogging(ctx(HZ), "trail-test");
            Trail stopped = service.stopLogging(ctx(HZ), "trail-test");
            clock.advance(Duration.ofHours(1));
            assertEquals(stopped, service.stopLogging(ctx(HZ), "trail-test"));
            assertEquals(Optional.of(stopped), repository.find(ACCOUNT_ID, "trail-test"));
        }

        @Test
        void anUnknownTrailIsNotFound() {
            fails("TrailNotFoundException", 404, () -> service.startLogging(ctx(HZ), "trail-test"));
            fails("TrailNotFoundException", 404, () -> service.stopLogging(ctx(HZ), "trail-test"));
            fails("InvalidTrailNameException", 400, () -> service.startLogging(ctx2017(HZ), "trail-test"));
            fails("InvalidTrailNameException", 400, () -> service.stopLogging(ctx2017(HZ), "trail-test"));
        }
    }

    @Nested
    class BooleanParameters {
        @Test
        void trueFalseOfAnyCaseOrTheDefault() {
            assertTrue(TrailService.parseBoolean("true", false));
            assertTrue(TrailService.parseBoolean("TRUE", false));
            assertFalse(TrailService.parseBoolean("False", true));
            assertTrue(TrailService.parseBoolean(null, true));
            assertFalse(TrailService.parseBoolean("", false));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "0", "yes", "t", " true"})
        void anythingElseIsInvalidQueryParameter(String value) {
            ApiException e = assertThrows(ApiException.class, () -> TrailService.parseBoolean(value, false));
            assertEquals("InvalidQueryParameter", e.code());
            assertEquals(400, e.httpStatus());
        }
    }

    @Test
    void aNamedRequestSetsNothingElse() {
        assertEquals(new TrailRequest("trail-test", null, null, null, null, null, null, null, null, null, null, null),
                TrailRequest.named("trail-test"));
    }
}
