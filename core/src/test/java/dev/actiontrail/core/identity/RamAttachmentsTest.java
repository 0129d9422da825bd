package dev.actiontrail.core.identity;

import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.identity.PolicyAttachment.EntityType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RamAttachmentsTest extends RamTestSupport {

    @Test
    void attachListAndDetachOnEveryKindOfEntity() {
        Caller alice = userCaller("alice");
        ram.groups().create(ROOT, "dev", "developers");
        ram.groups().addUser(ROOT, "dev", "alice");
        RamRole admin = ram.roles().create(ROOT, "EcsAdmin", TRUST, "admins", null);
        ram.policies().create(ROOT, "p", POLICY, "custom p");

        ram.attachments().attach(ROOT, EntityType.User, "alice", "System", "ReadOnlyAccess");
        clock.advance(Duration.ofSeconds(5));
        ram.attachments().attach(ROOT, EntityType.User, "alice", "Custom", "p");
        ram.attachments().attach(ROOT, EntityType.Group, "dev", "Custom", "p");
        ram.attachments().attach(ROOT, EntityType.Role, "ecsadmin", "Custom", "p");

        List<RamAttachments.Attached<RamPolicy>> ofAlice = ram.attachments().policiesFor(ROOT, EntityType.User, "alice");
        assertEquals(List.of("ReadOnlyAccess", "p"), ofAlice.stream().map(a -> a.entity().policyName()).toList());
        assertEquals(NOW, ofAlice.get(0).attachDate());
        assertEquals(NOW.plusSeconds(5), ofAlice.get(1).attachDate());
        assertEquals("custom p", ofAlice.get(1).entity().description());
        assertEquals(1, ram.attachments().policiesFor(ROOT, EntityType.Role, "ECSADMIN").size());

        RamAttachments.PolicyEntities entities = ram.attachments().entitiesFor(ROOT, "Custom", "p");
        assertEquals(List.of("alice"), entities.users().stream().map(a -> a.entity().userName()).toList());
        assertEquals(List.of("developers"), entities.groups().stream().map(a -> a.entity().comments()).toList());
        assertEquals(List.of(admin), entities.roles().stream().map(RamAttachments.Attached::entity).toList());
        assertEquals(3, ram.policies().get(ROOT, "Custom", "p").attachmentCount());

        // what authorization reads: alice's own and her group's; the role's for a session of the role
        assertEquals(3, store.policiesFor(alice.principal()).size());
        assertEquals(List.of(new AttachedPolicy(PolicyType.Custom, "p", "RamRole", POLICY)),
                store.policiesFor(new Principal.RoleSession(ACCOUNT, admin.roleId(), "EcsAdmin", "s", null, ACCOUNT,
                        "1", NOW, NOW.plusSeconds(3600))));

        ram.attachments().detach(ROOT, EntityType.User, "alice", "System", "ReadOnlyAccess");
        ram.attachments().detach(ROOT, EntityType.Role, "EcsAdmin", "Custom", "p");
        assertEquals(List.of("p"), ram.attachments().policiesFor(ROOT, EntityType.User, "alice").stream()
                .map(a -> a.entity().policyName()).toList());
        assertEquals(List.of(), ram.attachments().entitiesFor(ROOT, "Custom", "p").roles());
    }

    @Test
    void reAttachAndDetachOfANonAttachedPolicyHaveEachEntitysCode() {
        userCaller("alice");
        ram.groups().create(ROOT, "dev", null);
        ram.roles().create(ROOT, "Admin", TRUST, null, null);
        for (EntityType type : EntityType.values()) {
            String name = switch (type) {
                case User -> "alice";
                case Group -> "dev";
                case Role -> "Admin";
            };
            ram.attachments().attach(ROOT, type, name, "System", "AdministratorAccess");
            ApiException again = assertRejected("EntityAlreadyExists." + type + ".Policy", 409,
                    () -> ram.attachments().attach(ROOT, type, name, "System", "AdministratorAccess"));
            ApiException absent = assertRejected("EntityNotExist." + type + ".Policy", 404,
                    () -> ram.attachments().detach(ROOT, type, name, "System", "ReadOnlyAccess"));
            if (type == EntityType.User) {
                assertEquals("The user has already been attached this policy.", again.getMessage());
                assertEquals("The indicate policy of the user does not exist.", absent.getMessage());
            }
            assertRejected("EntityNotExist." + type, 404,
                    () -> ram.attachments().attach(ROOT, type, "nobody", "System", "ReadOnlyAccess"));
        }
    }

    @Test
    void unknownPoliciesAndBadParameters() {
        userCaller("alice");
        assertRejected("EntityNotExist.Policy", 404,
                () -> ram.attachments().attach(ROOT, EntityType.User, "alice", "System", "NoSuchPolicy"));
        assertRejected("EntityNotExist.Policy", 404,
                () -> ram.attachments().attach(ROOT, EntityType.User, "alice", "Custom", "ReadOnlyAccess"));
        assertRejected("InvalidParameter.PolicyType", 400,
                () -> ram.attachments().attach(ROOT, EntityType.User, "alice", "Managed", "ReadOnlyAccess"));
        assertRejected("MissingPolicyName", 400,
                () -> ram.attachments().attach(ROOT, EntityType.User, "alice", "System", null));
        assertRejected("MissingRoleName", 400,
                () -> ram.attachments().attach(ROOT, EntityType.Role, null, "System", "ReadOnlyAccess"));
        assertRejected("InvalidParameter.GroupName.InvalidChars", 400,
                () -> ram.attachments().policiesFor(ROOT, EntityType.Group, "dev team"));
        assertRejected("EntityNotExist.User", 404,
                () -> ram.attachments().policiesFor(OTHER_ROOT, EntityType.User, "alice"));
        assertRejected("EntityNotExist.Policy", 404, () -> ram.attachments().entitiesFor(ROOT, "Custom", "nope"));
    }

    @Test
    void systemAndCustomPoliciesCountSeparatelyTowardsTheLimits() {
        RamServices limited = services(new RamLimits(9, 9, 9, 9, 9, 9, 9, 2, 1));
        userCaller("alice");
        limited.policies().create(ROOT, "p1", POLICY, null);
        limited.policies().create(ROOT, "p2", POLICY, null);
        limited.attachments().attach(ROOT, EntityType.User, "alice", "Custom", "p1");
        ApiException custom = assertRejected("LimitExceeded.User.Policy", 409,
                () -> limited.attachments().attach(ROOT, EntityType.User, "alice", "Custom", "p2"));
        assertEquals("The policy count of the user attached policies beyond the current limits.", custom.getMessage());
        limited.attachments().attach(ROOT, EntityType.User, "alice", "System", "ReadOnlyAccess");
        limited.attachments().attach(ROOT, EntityType.User, "alice", "System", "AdministratorAccess");
        assertRejected("LimitExceeded.User.Policy", 409,
                () -> limited.attachments().attach(ROOT, EntityType.User, "alice", "System", "AliyunRAMFullAccess"));
    }
}
