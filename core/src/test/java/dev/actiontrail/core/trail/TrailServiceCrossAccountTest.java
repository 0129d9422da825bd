package dev.actiontrail.core.trail;

import dev.actiontrail.core.account.AccountId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delivery to another account (console guide, "Delivery to Another Account"): the caller's trail uses destinations
 * of {@code OTHER} only by naming a write role of {@code OTHER} that {@code OTHER} grants — here a fake of the
 * cross-account roles port.
 */
class TrailServiceCrossAccountTest extends TrailServiceTestSupport {
    static final String ROLE_OF_OTHER = "acs:ram::" + OTHER + ":role/actiontrail-writer";
    static final String ROLE_OF_PLAIN = "acs:ram::" + PLAIN_ID + ":role/actiontrail-writer";
    static final String OTHER_SLS = "acs:log:cn-hangzhou:" + OTHER + ":project/other-project";
    static final String OTHER_ODPS = "acs:odps:cn-hangzhou:" + OTHER + ":project/actiontrail_other";

    /** Write role ARN → the trail accounts it lets deliver. */
    final Map<String, Set<AccountId>> grants = new ConcurrentHashMap<>();

    @BeforeEach
    void roles() {
        resources.crossAccountRoles((trailOwner, roleArn, owner) ->
                grants.getOrDefault(roleArn, Set.of()).contains(trailOwner));
    }

    @Test
    void anotherAccountsBucketNeedsAGrantingWriteRoleOfItsOwner() {
        fails("InsufficientBucketPolicyException", 403,
                () -> service.create(ctx(HZ), named("trail-test").bucket("other-log").build()));
        fails("InsufficientBucketPolicyException", 403, () -> service.create(ctx(HZ),
                named("trail-test").bucket("other-log").ossRole(ROLE_OF_OTHER).build()));
        grants.put(ROLE_OF_OTHER, Set.of(PLAIN_ID));
        fails("InsufficientBucketPolicyException", 403, () -> service.create(ctx(HZ),
                named("trail-test").bucket("other-log").ossRole(ROLE_OF_OTHER).build()));
        grants.put(ROLE_OF_PLAIN, Set.of(ACCOUNT_ID));
        fails("InsufficientBucketPolicyException", 403, () -> service.create(ctx(HZ),
                named("trail-test").bucket("other-log").ossRole(ROLE_OF_PLAIN).build()));

        grants.put(ROLE_OF_OTHER, Set.of(ACCOUNT_ID));
        Trail t = service.create(ctx(HZ), named("trail-test").bucket("other-log").ossRole(ROLE_OF_OTHER).build());
        assertEquals(ROLE_OF_OTHER, t.ossWriteRoleArn());
        assertEquals(Boolean.TRUE, service.status(ctx(HZ), "trail-test", false).ossBucketStatus());

        grants.clear(); // OTHER revokes
        assertEquals(Boolean.FALSE, service.status(ctx(HZ), "trail-test", false).ossBucketStatus());
        fails("InsufficientBucketPolicyException", 403,
                () -> service.update(ctx(HZ), named("trail-test").eventRW("Read").build()));
    }

    @Test
    void anOwnBucketStillRefusesAWriteRoleOfAnotherAccountEvenAGrantingOne() {
        grants.put(ROLE_OF_OTHER, Set.of(ACCOUNT_ID));
        fails("InsufficientBucketPolicyException", 403, () -> service.create(ctx(HZ),
                named("trail-test").bucket("audit-log").ossRole(ROLE_OF_OTHER).build()));
    }

    @Test
    void updatingToAnotherAccountsBucketIsRefusedWithoutAGrant() {
        createOss("trail-test");
        fails("InsufficientBucketPolicyException", 403,
                () -> service.update(ctx(HZ), named("trail-test").bucket("other-log").build()));
        grants.put(ROLE_OF_OTHER, Set.of(ACCOUNT_ID));
        Trail moved = service.update(ctx(HZ), named("trail-test").bucket("other-log").ossRole(ROLE_OF_OTHER).build());
        assertEquals("other-log", moved.ossBucketName());
    }

    @Test
    void anotherAccountsSlsProjectNeedsAGrantingWriteRoleOfItsOwnerAndItsExistenceIsNotToldOtherwise() {
        fails("InsufficientSlsPolicyException", 403, () -> service.create(ctx(HZ),
                named("trail-test").sls(OTHER_SLS).slsRole(ROLE_OF_OTHER).build()));
        fails("InsufficientSlsPolicyException", 403, () -> service.create(ctx(HZ), named("trail-test")
                .sls("acs:log:cn-hangzhou:" + OTHER + ":project/no-such-project").slsRole(ROLE_OF_OTHER).build()));
        assertEquals(Set.of(), resources.logstores(OTHER_ID, "other-project"));

        grants.put(ROLE_OF_OTHER, Set.of(ACCOUNT_ID));
        fails("SlsProjectDoesNotExistException", 400, () -> service.create(ctx(HZ), named("trail-test")
                .sls("acs:log:cn-hangzhou:" + OTHER + ":project/no-such-project").slsRole(ROLE_OF_OTHER).build()));
        Trail t = service.create(ctx(HZ), named("trail-test").sls(OTHER_SLS).slsRole(ROLE_OF_OTHER).build());
        assertEquals(Set.of("actiontrail_trail-test"), resources.logstores(OTHER_ID, "other-project"));
        assertEquals(Boolean.TRUE, service.status(ctx(HZ), t.name(), false).slsLogStoreStatus());
        grants.clear();
        assertEquals(Boolean.FALSE, service.status(ctx(HZ), t.name(), false).slsLogStoreStatus());
    }

    @Test
    void anotherAccountsMaxComputeProjectIsCreatedThereOnlyWithAGrantingWriteRole() {
        fails("InvalidQueryParameter", 400, () -> service.create(ctx(HZ),
                named("trail-test").odps(OTHER_ODPS).odpsRole(ROLE_OF_OTHER).build()));
        assertEquals(Set.of(), resources.maxComputeProjects(OTHER_ID));

        grants.put(ROLE_OF_OTHER, Set.of(ACCOUNT_ID));
        service.create(ctx(HZ), named("trail-test").odps(OTHER_ODPS).odpsRole(ROLE_OF_OTHER).build());
        assertEquals(Set.of("actiontrail_other"), resources.maxComputeProjects(OTHER_ID));
        assertEquals(Set.of(), resources.maxComputeProjects(ACCOUNT_ID));
    }

    @Test
    void aMaxComputeProjectNameAnotherAccountHasCannotBeTheCallersOwn() {
        resources.ensureMaxComputeProject(OTHER_ID, "actiontrail_taken");
        fails("InvalidQueryParameter", 400, () -> service.create(ctx(HZ),
                named("trail-test").odps("acs:odps:cn-hangzhou:" + ID + ":project/actiontrail_taken").build()));
        assertEquals(Set.of(), resources.maxComputeProjects(ACCOUNT_ID));
        assertTrue(resources.maxComputeProjects(OTHER_ID).contains("actiontrail_taken"));
    }
}
