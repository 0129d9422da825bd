package dev.actiontrail.core.identity;

import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.identity.PolicyAttachment.EntityType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RamGroupsTest extends RamTestSupport {

    @Test
    void createGetListAndUpdate() {
        RamGroup dev = ram.groups().create(ROOT, "Dev-Team", "developers");
        assertTrue(dev.groupId().matches("[1-9][0-9]{18}"), dev.groupId());
        assertEquals("developers", dev.comments());
        assertEquals(NOW, dev.createDate());
        assertEquals("", ram.groups().create(ROOT, "qa", null).comments());
        assertEquals(dev, ram.groups().get(ROOT, "Dev-Team"));
        assertEquals(List.of("Dev-Team", "qa"),
                ram.groups().list(ROOT, null, null).items().stream().map(RamGroup::groupName).toList());
        assertEquals(List.of(), ram.groups().list(OTHER_ROOT, null, null).items());

        clock.advance(Duration.ofSeconds(61));
        RamGroup renamed = ram.groups().update(ROOT, "Dev-Team", "developers", null);
        assertEquals(dev.groupId(), renamed.groupId());
        assertEquals("developers", renamed.comments());
        assertEquals(NOW.plusSeconds(61), renamed.updateDate());
        assertEquals("new", ram.groups().update(ROOT, "developers", null, "new").comments());
        assertRejected("EntityAlreadyExists.Group", 409, () -> ram.groups().update(ROOT, "developers", "qa", null));
        assertRejected("EntityNotExist.Group", 404, () -> ram.groups().update(ROOT, "Dev-Team", null, "x"));
        assertRejected("InvalidParameter.NewComments.Length", 400,
                () -> ram.groups().update(ROOT, "qa", null, "c".repeat(129)));
    }

    @Test
    void createErrors() {
        ram.groups().create(ROOT, "dev", null);
        ApiException taken = assertRejected("EntityAlreadyExists.Group", 409,
                () -> ram.groups().create(ROOT, "dev", null));
        assertEquals("The group does already EXIST.", taken.getMessage());
        assertRejected("MissingGroupName", 400, () -> ram.groups().create(ROOT, null, null));
        assertRejected("InvalidParameter.GroupName.Length", 400, () -> ram.groups().create(ROOT, "g".repeat(65), null));
        assertRejected("InvalidParameter.GroupName.InvalidChars", 400, () -> ram.groups().create(ROOT, "dev team", null));
        assertRejected("InvalidParameter.Comments.Length", 400, () -> ram.groups().create(ROOT, "ops", "c".repeat(129)));
        RamServices limited = services(new RamLimits(9, 1, 9, 9, 9, 9, 9, 9, 9));
        assertRejected("LimitExceeded.Group", 409, () -> limited.groups().create(ROOT, "ops", null));
        assertRejected("EntityNotExist.Group", 404, () -> ram.groups().get(OTHER_ROOT, "dev"));
    }

    @Test
    void membersAreAddedListedAndRemoved() {
        userCaller("alice");
        userCaller("bob");
        ram.groups().create(ROOT, "dev", "developers");
        ram.groups().create(ROOT, "ops", null);
        ram.groups().addUser(ROOT, "dev", "bob");
        clock.advance(Duration.ofSeconds(10));
        ram.groups().addUser(ROOT, "dev", "alice");
        ram.groups().addUser(ROOT, "ops", "alice");

        ApiException again = assertRejected("EntityAlreadyExists.User.Group", 409,
                () -> ram.groups().addUser(ROOT, "dev", "alice"));
        assertEquals("The user has already joined the group.", again.getMessage());
        assertRejected("EntityNotExist.User", 404, () -> ram.groups().addUser(ROOT, "dev", "carol"));
        assertRejected("EntityNotExist.Group", 404, () -> ram.groups().addUser(ROOT, "qa", "alice"));

        List<RamGroups.UserGroup> ofAlice = ram.groups().groupsForUser(ROOT, "alice");
        assertEquals(List.of("dev", "ops"), ofAlice.stream().map(g -> g.group().groupName()).toList());
        assertEquals(NOW.plusSeconds(10), ofAlice.get(0).joinDate());
        assertEquals("developers", ofAlice.get(0).group().comments());

        RamPage<RamGroups.GroupUser> page = ram.groups().usersForGroup(ROOT, "dev", null, "1");
        assertEquals(List.of("alice"), page.items().stream().map(u -> u.user().userName()).toList());
        assertTrue(page.isTruncated());
        RamPage<RamGroups.GroupUser> rest = ram.groups().usersForGroup(ROOT, "dev", page.marker(), "1");
        assertEquals("bob", rest.items().get(0).user().userName());
        assertEquals(NOW, rest.items().get(0).joinDate());

        ram.groups().removeUser(ROOT, "dev", "alice");
        ApiException notIn = assertRejected("EntityNotExist.User.Group", 404,
                () -> ram.groups().removeUser(ROOT, "dev", "alice"));
        assertEquals("The user has not joined the group.", notIn.getMessage());
        assertEquals(List.of("ops"),
                ram.groups().groupsForUser(ROOT, "alice").stream().map(g -> g.group().groupName()).toList());
    }

    @Test
    void aUserJoinsAtMostTheLimitOfGroups() {
        RamServices limited = services(new RamLimits(9, 9, 9, 9, 9, 9, 2, 9, 9));
        userCaller("alice");
        for (String g : List.of("g1", "g2", "g3")) {
            limited.groups().create(ROOT, g, null);
        }
        limited.groups().addUser(ROOT, "g1", "alice");
        limited.groups().addUser(ROOT, "g2", "alice");
        assertRejected("LimitExceeded.User.Group", 409, () -> limited.groups().addUser(ROOT, "g3", "alice"));
    }

    @Test
    void deleteRefusesAGroupWithMembersOrPolicies() {
        userCaller("alice");
        ram.groups().create(ROOT, "dev", null);
        ram.groups().addUser(ROOT, "dev", "alice");
        ram.attachments().attach(ROOT, EntityType.Group, "dev", "System", "ReadOnlyAccess");
        ApiException members = assertRejected("DeleteConflict.Group.User", 409, () -> ram.groups().delete(ROOT, "dev"));
        assertEquals("The group CAN NOT has any user member while deleting the group.", members.getMessage());
        ram.groups().removeUser(ROOT, "dev", "alice");
        assertRejected("DeleteConflict.Group.Policy", 409, () -> ram.groups().delete(ROOT, "dev"));
        ram.attachments().detach(ROOT, EntityType.Group, "dev", "System", "ReadOnlyAccess");
        ram.groups().delete(ROOT, "dev");
        assertRejected("EntityNotExist.Group", 404, () -> ram.groups().delete(ROOT, "dev"));
    }

    @Test
    void renamingAGroupKeepsItsMembersAndPolicies() {
        Caller alice = userCaller("alice");
        ram.groups().create(ROOT, "dev", null);
        ram.groups().addUser(ROOT, "dev", "alice");
        ram.attachments().attach(ROOT, EntityType.Group, "dev", "System", "ReadOnlyAccess");
        ram.groups().update(ROOT, "dev", "developers", null);
        assertEquals(1, ram.groups().usersForGroup(ROOT, "developers", null, null).items().size());
        assertEquals(1, ram.attachments().policiesFor(ROOT, EntityType.Group, "developers").size());
        assertEquals(1, store.policiesFor(alice.principal()).size());
    }
}
