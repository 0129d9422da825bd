package dev.actiontrail.core.destination;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.identity.RamRole;
import dev.actiontrail.core.testing.InMemoryIdentityStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustPolicyRolesTest {
    static final AccountId OWNER = AccountId.of("1111111111111111");
    static final AccountId TRAIL = AccountId.of("2222222222222222");
    static final AccountId THIRD = AccountId.of("3333333333333333");
    static final Instant NOW = Instant.parse("2024-05-20T12:00:00Z");

    InMemoryIdentityStore identities;
    TrustPolicyRoles roles;
    int ids;

    @BeforeEach
    void setUp() {
        identities = new InMemoryIdentityStore();
        identities.createAccount(OWNER, NOW);
        identities.createAccount(TRAIL, NOW);
        roles = new TrustPolicyRoles(identities);
    }

    String role(String name, String trustPolicy) {
        identities.insertRole(new RamRole(OWNER, "3" + (100000000000000000L + ++ids), name, "", trustPolicy, 3600,
                NOW, NOW));
        return "acs:ram::" + OWNER + ":role/" + name;
    }

    static String trust(String principal) {
        return "{\"Version\":\"1\",\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
                + "\"Principal\":" + principal + "}]}";
    }

    @Test
    void theServiceActingForTheTrailsAccountGrantsThatAccountOnly() {
        String arn = role("writer", trust("{\"Service\":[\"" + TRAIL + "@actiontrail.aliyuncs.com\"]}"));
        assertTrue(roles.mayDeliverAs(TRAIL, arn, OWNER));
        assertFalse(roles.mayDeliverAs(THIRD, arn, OWNER));
    }

    @Test
    void theTrailAccountAsRamPrincipalGrantsItButOneOfItsUsersDoesNot() {
        String root = role("by-root", trust("{\"RAM\":[\"acs:ram::" + TRAIL + ":root\"]}"));
        assertTrue(roles.mayDeliverAs(TRAIL, root, OWNER));
        assertFalse(roles.mayDeliverAs(THIRD, root, OWNER));
        String user = role("by-user", trust("{\"RAM\":[\"acs:ram::" + TRAIL + ":user/alice\"]}"));
        assertFalse(roles.mayDeliverAs(TRAIL, user, OWNER));
    }

    @Test
    void theBareServicePrincipalGrantsNoOtherAccount() {
        // what the owner's own delivery role trusts: naming it must not open the owner's bucket to anyone
        String arn = role("service", trust("{\"Service\":[\"actiontrail.aliyuncs.com\"]}"));
        assertFalse(roles.mayDeliverAs(TRAIL, arn, OWNER));
        assertFalse(roles.mayDeliverAs(THIRD, arn, OWNER));
    }

    @Test
    void roleNamesCompareCaseInsensitively() {
        role("Writer", trust("{\"Service\":[\"" + TRAIL + "@actiontrail.aliyuncs.com\"]}"));
        assertTrue(roles.mayDeliverAs(TRAIL, "acs:ram::" + OWNER + ":role/writer", OWNER));
        assertTrue(roles.mayDeliverAs(TRAIL, "acs:ram::" + OWNER + ":role/WRITER", OWNER));
    }

    @Test
    void otherServicesADenyOrAConditionGrantNothing() {
        assertFalse(roles.mayDeliverAs(TRAIL, role("ecs", trust("{\"Service\":[\"ecs.aliyuncs.com\"]}")), OWNER));
        String denied = role("denied", "{\"Version\":\"1\",\"Statement\":["
                + "{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + TRAIL
                + ":root\"]}},{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Deny\",\"Principal\":{\"Service\":[\""
                + TRAIL + "@actiontrail.aliyuncs.com\"]}}]}");
        assertFalse(roles.mayDeliverAs(TRAIL, denied, OWNER));
        String conditional = role("conditional", "{\"Version\":\"1\",\"Statement\":[{\"Action\":\"sts:AssumeRole\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + TRAIL + ":root\"]},"
                + "\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"abc\"}}}]}");
        assertFalse(roles.mayDeliverAs(TRAIL, conditional, OWNER));
        String otherAction = role("other-action", "{\"Version\":\"1\",\"Statement\":[{\"Action\":\"ecs:*\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::" + TRAIL + ":root\"]}}]}");
        assertFalse(roles.mayDeliverAs(TRAIL, otherAction, OWNER));
        assertFalse(roles.mayDeliverAs(TRAIL, role("broken", "{not json"), OWNER));
    }

    @Test
    void aMissingRoleOrAccountOrARoleOfAnotherAccountGrantsNothing() {
        String arn = role("writer", trust("{\"RAM\":[\"acs:ram::" + TRAIL + ":root\"]}"));
        assertFalse(roles.mayDeliverAs(TRAIL, "acs:ram::" + OWNER + ":role/no-such-role", OWNER));
        assertFalse(roles.mayDeliverAs(TRAIL, arn, THIRD), "the ARN names another account than the owner");
        AccountId gone = AccountId.of("4444444444444444");
        assertFalse(roles.mayDeliverAs(TRAIL, "acs:ram::" + gone + ":role/writer", gone));
        assertFalse(roles.mayDeliverAs(TRAIL, "not an arn", OWNER));
    }

    @Test
    void aDeliveryIdentityWritesToItsOwnAccountOrThroughAGrantingRoleOfTheOwner() {
        CrossAccountRoles all = (t, r, o) -> true;
        assertTrue(DeliveryIdentity.of(TRAIL).mayWriteTo(TRAIL, CrossAccountRoles.NONE));
        assertFalse(DeliveryIdentity.of(TRAIL).mayWriteTo(OWNER, all), "no role: own account only");
        String ownerRole = "acs:ram::" + OWNER + ":role/writer";
        assertFalse(new DeliveryIdentity(TRAIL, ownerRole).mayWriteTo(OWNER, CrossAccountRoles.NONE));
        assertTrue(new DeliveryIdentity(TRAIL, ownerRole).mayWriteTo(OWNER, all));
        assertFalse(new DeliveryIdentity(TRAIL, ownerRole).mayWriteTo(THIRD, all), "a role of a third account");
        assertFalse(new DeliveryIdentity(TRAIL, ownerRole).mayWriteTo(TRAIL, all), "own resource, foreign role");
        assertTrue(new DeliveryIdentity(TRAIL, "acs:ram::" + TRAIL + ":role/x").mayWriteTo(TRAIL,
                CrossAccountRoles.NONE));
        assertTrue(new DeliveryIdentity(TRAIL, "acs:ram:::role/x").mayWriteTo(TRAIL, CrossAccountRoles.NONE));
        assertTrue(new DeliveryIdentity(TRAIL, ownerRole).maySee(TRAIL, CrossAccountRoles.NONE));
        assertFalse(DeliveryIdentity.of(TRAIL).maySee(OWNER, CrossAccountRoles.NONE));

        assertEquals(Optional.of(TRAIL), DeliveryIdentity.of(TRAIL).accountNamed(""));
        assertEquals(Optional.of(OWNER), DeliveryIdentity.of(TRAIL).accountNamed(OWNER.value()));
        assertEquals(Optional.empty(), DeliveryIdentity.of(TRAIL).accountNamed("123"));
    }
}
