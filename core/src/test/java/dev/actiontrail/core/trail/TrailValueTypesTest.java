package dev.actiontrail.core.trail;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.error.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The value types of trails: names, ARNs (§7), EventRW, TrailRegion and what a Trail derives. */
class TrailValueTypesTest {
    private static final AccountId ACCOUNT = AccountId.of("1234567890123456");

    private static void invalidQueryParameter(org.junit.jupiter.api.function.Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals("InvalidQueryParameter", e.code());
        assertEquals(400, e.httpStatus());
    }

    @Test
    void aRamRoleArnIsParsedIntoItsParts() {
        Arn arn = Arn.ramRole("acs:ram::1234567890123456:role/aliyunserviceroleforactiontrail");
        assertEquals("ram", arn.service());
        assertEquals("", arn.region());
        assertEquals("1234567890123456", arn.accountId());
        assertEquals("role", arn.resourceType());
        assertEquals("aliyunserviceroleforactiontrail", arn.resource());
        assertEquals("acs:ram::1234567890123456:role/aliyunserviceroleforactiontrail", arn.toString());
        assertTrue(arn.belongsTo(ACCOUNT));
        assertFalse(arn.belongsTo(AccountId.of("9999999999999999")));
    }

    @Test
    void anArnWithoutAccountBelongsToTheCaller() {
        Arn arn = Arn.slsProject("acs:log:cn-shanghai::project/audit-project");
        assertEquals("", arn.accountId());
        assertEquals("cn-shanghai", arn.region());
        assertEquals("audit-project", arn.resource());
        assertTrue(arn.belongsTo(ACCOUNT));
        assertTrue(Arn.ramRole("acs:ram:::role/x").belongsTo(ACCOUNT));
    }

    @Test
    void aMaxComputeProjectArnNamesAnActiontrailProject() {
        Arn arn = Arn.maxComputeProject("acs:odps:cn-hangzhou:1234567890123456:project/actiontrail_1234567890123456");
        assertEquals("odps", arn.service());
        assertEquals("actiontrail_1234567890123456", arn.resource());
        invalidQueryParameter(() -> Arn.maxComputeProject("acs:odps:cn-hangzhou:1234567890123456:project/trail_x"));
        invalidQueryParameter(() -> Arn.maxComputeProject("acs:odps:cn-hangzhou:1234567890123456:project/actiontrail"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "acs:ram::1234567890123456:role/", "acs:ram::1234567890123456:role",
            "arn:ram::1234567890123456:role/x", "acs:ram::1234567890123456:role/a b", "acs:RAM::1234567890123456:role/x",
            "acs:ram::***:role/aliyunserviceroleforactiontrail"})
    void malformedRoleArnsAreInvalidQueryParameter(String value) {
        invalidQueryParameter(() -> Arn.ramRole(value));
    }

    @Test
    void aNullArnIsInvalidQueryParameter() {
        invalidQueryParameter(() -> Arn.ramRole(null));
    }

    @Test
    void arnsAreBuiltForRolesAndTrails() {
        assertEquals("acs:ram::1234567890123456:role/aliyunserviceroleforactiontrail",
                Arn.ramRoleOf(ACCOUNT, Arn.SERVICE_LINKED_ROLE));
        assertEquals("acs:actiontrail:cn-hangzhou:1234567890123456:trail/trail-test",
                Arn.trailOf("cn-hangzhou", ACCOUNT, "trail-test"));
        assertEquals("aliyunactiontraildefaultrole", Arn.DEFAULT_2017_ROLE);
    }

    @Test
    void trailNamesAndBucketNamesAndPrefixes() {
        assertEquals("trail-test", TrailName.of("trail-test").value());
        assertEquals("trail-test", TrailName.of("trail-test").toString());
        assertEquals("audit-log", OssBucketName.of("audit-log").value());
        assertTrue(OssBucketName.isValid("audit-log"));
        assertFalse(OssBucketName.isValid("audit-"));
        assertFalse(OssBucketName.isValid(null));
        assertEquals("InvalidBucketNameException", assertThrows(ApiException.class, () -> OssBucketName.of(null)).code());
        assertEquals(OssKeyPrefix.NONE, OssKeyPrefix.of(null));
        assertEquals(OssKeyPrefix.NONE, OssKeyPrefix.of(""));
        assertEquals("", OssKeyPrefix.NONE.toString());
    }

    @Test
    void eventRwParsesExactlyAndSelectsEvents() {
        assertEquals(EventRW.Read, EventRW.parse("Read"));
        assertEquals(EventRW.Write, EventRW.parse("Write"));
        assertEquals(EventRW.All, EventRW.parse("All"));
        invalidQueryParameter(() -> EventRW.parse("read"));
        invalidQueryParameter(() -> EventRW.parse(null));

        assertTrue(EventRW.All.selects("Read"));
        assertTrue(EventRW.All.selects(null));
        assertTrue(EventRW.Write.selects("Write"));
        assertFalse(EventRW.Write.selects("Read"));
        assertFalse(EventRW.Read.selects(null));
    }

    @Test
    void trailRegionIsAllOrAKnownRegion() {
        assertEquals(TrailRegion.ALL, TrailRegion.parse(null));
        assertEquals(TrailRegion.ALL, TrailRegion.parse(""));
        assertEquals(TrailRegion.ALL, TrailRegion.parse("All"));
        assertEquals("cn-beijing", TrailRegion.parse("cn-beijing").value());
        invalidQueryParameter(() -> TrailRegion.parse("cn-beijing,cn-hangzhou"));
        invalidQueryParameter(() -> TrailRegion.parse("ALL"));

        assertTrue(TrailRegion.ALL.covers("cn-hangzhou"));
        assertTrue(TrailRegion.parse("cn-beijing").covers("cn-beijing"));
        assertFalse(TrailRegion.parse("cn-beijing").covers("cn-hangzhou"));
        assertEquals("All", TrailRegion.ALL.toString());
    }

    @Test
    void aTrailDerivesItsArnLogstoreAndDestinations() {
        Trail t = new Trail(ACCOUNT, "trail-test", "cn-hangzhou", "", "", "",
                "acs:log:cn-hangzhou:1234567890123456:project/audit-project", "", "", "", "", EventRW.All,
                TrailRegion.parse("cn-beijing"), false, "", TrailStatus.Enable,
                Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null);
        assertEquals("acs:actiontrail:cn-hangzhou:1234567890123456:trail/trail-test", t.trailArn());
        assertEquals("actiontrail_trail-test", t.slsLogstore());
        assertEquals(Optional.of("audit-project"), t.slsProject());
        assertTrue(t.hasSls());
        assertFalse(t.hasOss());
        assertFalse(t.hasMaxCompute());
        assertTrue(t.isLogging());
        assertTrue(t.coversRegion("cn-beijing"));
        assertFalse(t.coversRegion("cn-hangzhou"));
    }
}
