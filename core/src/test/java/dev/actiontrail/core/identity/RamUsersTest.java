package dev.actiontrail.core.identity;

import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.identity.PolicyAttachment.EntityType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RamUsersTest extends RamTestSupport {

    @Test
    void createStoresTheUserWithA16DigitIdAndSecondTimes() {
        RamUser user = ram.users().create(ROOT, "alice.w-1_x",
                new RamUsers.Profile("Alice W", "86-18600008888", "alice@example.com", "an engineer"));
        assertTrue(user.userId().matches("[1-9][0-9]{15}"), user.userId());
        assertEquals("alice.w-1_x", user.userName());
        assertEquals("Alice W", user.displayName());
        assertEquals("86-18600008888", user.mobilePhone());
        assertEquals("alice@example.com", user.email());
        assertEquals("an engineer", user.comments());
        assertEquals(NOW, user.createDate());
        assertEquals(NOW, user.updateDate());
        assertNull(user.lastLoginDate());
        assertEquals(user, ram.users().get(ROOT, "alice.w-1_x"));
        assertEquals(user, ram.users().get(userCaller("bob"), "alice.w-1_x"), "a RAM user of the account sees it");
    }

    @Test
    void absentProfileFieldsAreEmpty() {
        RamUser user = ram.users().create(ROOT, "alice", new RamUsers.Profile("", null, "", null));
        assertEquals(List.of("", "", "", ""),
                List.of(user.displayName(), user.mobilePhone(), user.email(), user.comments()));
    }

    @Test
    void badParametersAreRejectedWithTheirDocumentedCodes() {
        RamUsers.Profile none = RamUsers.Profile.none();
        ApiException missing = assertRejected("MissingUserName", 400, () -> ram.users().create(ROOT, null, none));
        assertEquals("UserName is mandatory for this action.", missing.getMessage());
        assertRejected("MissingUserName", 400, () -> ram.users().create(ROOT, "", none));
        ApiException length = assertRejected("InvalidParameter.UserName.Length", 400,
                () -> ram.users().create(ROOT, "a".repeat(65), none));
        assertEquals("The parameter - \"UserName\" beyond the length limit.", length.getMessage());
        ApiException chars = assertRejected("InvalidParameter.UserName.InvalidChars", 400,
                () -> ram.users().create(ROOT, "alice smith", none));
        assertEquals("The parameter - \"UserName\" contains invalid chars.", chars.getMessage());
        assertRejected("InvalidParameter.UserName.InvalidChars", 400, () -> ram.users().create(ROOT, "al@ce", none));
        assertRejected("InvalidParameter.DisplayName.Length", 400, () -> ram.users().create(ROOT, "alice",
                new RamUsers.Profile("d".repeat(129), null, null, null)));
        assertRejected("InvalidParameter.DisplayName.InvalidChars", 400, () -> ram.users().create(ROOT, "alice",
                new RamUsers.Profile("line\nbreak", null, null, null)));
        ApiException phone = assertRejected("InvalidParameter.MobilePhone.Format", 400,
                () -> ram.users().create(ROOT, "alice", new RamUsers.Profile(null, "18600008888", null, null)));
        assertEquals("The format of the parameter - \"MobilePhone\" is incorrect.", phone.getMessage());
        assertRejected("InvalidParameter.Email.Format", 400,
                () -> ram.users().create(ROOT, "alice", new RamUsers.Profile(null, null, "alice@", null)));
        assertRejected("InvalidParameter.Comments.Length", 400,
                () -> ram.users().create(ROOT, "alice", new RamUsers.Profile(null, null, null, "c".repeat(129))));
        // the limits themselves are accepted
        RamUser longest = ram.users().create(ROOT, "a".repeat(64),
                new RamUsers.Profile("d".repeat(128), "1-12345", null, "c".repeat(128)));
        assertEquals(64, longest.userName().length());
    }

    @Test
    void aTakenOrReservedNameAndTheUserLimitAreConflicts() {
        ram.users().create(ROOT, "alice", RamUsers.Profile.none());
        ApiException taken = assertRejected("EntityAlreadyExists.User", 409,
                () -> ram.users().create(ROOT, "alice", RamUsers.Profile.none()));
        assertEquals("The user does already EXIST.", taken.getMessage());
        assertRejected("EntityAlreadyExists.User", 409,
                () -> ram.users().create(ROOT, AccessKey.ROOT, RamUsers.Profile.none()));
        ram.users().create(OTHER_ROOT, "alice", RamUsers.Profile.none()); // another account may use the name

        RamServices limited = services(new RamLimits(2, 1, 1, 1, 1, 1, 1, 1, 1));
        limited.users().create(ROOT, "bob", RamUsers.Profile.none());
        assertRejected("LimitExceeded.User", 409,
                () -> limited.users().create(ROOT, "carol", RamUsers.Profile.none()));
    }

    @Test
    void anotherAccountsUserDoesNotExist() {
        ram.users().create(OTHER_ROOT, "alice", RamUsers.Profile.none());
        ApiException e = assertRejected("EntityNotExist.User", 404, () -> ram.users().get(ROOT, "alice"));
        assertEquals("The user does not exist.", e.getMessage());
        assertRejected("EntityNotExist.User", 404, () -> ram.users().delete(ROOT, "alice"));
        assertRejected("EntityNotExist.User", 404,
                () -> ram.users().update(ROOT, "alice", "alicia", RamUsers.Profile.none()));
    }

    @Test
    void updateRenamesAndTheKeysMembershipsAndAttachmentsFollow() {
        RamUser alice = ram.users().create(ROOT, "alice", new RamUsers.Profile("Alice", null, "a@example.com", "x"));
        AccessKey key = ram.accessKeys().create(ROOT, "alice");
        ram.groups().create(ROOT, "dev", null);
        ram.groups().addUser(ROOT, "dev", "alice");
        ram.attachments().attach(ROOT, EntityType.User, "alice", "System", "ReadOnlyAccess");
        clock.advance(Duration.ofMinutes(5));

        RamUser renamed = ram.users().update(ROOT, "alice", "alicia",
                new RamUsers.Profile(null, "86-13800001111", null, "new comments"));

        assertEquals(alice.userId(), renamed.userId());
        assertEquals("alicia", renamed.userName());
        assertEquals("Alice", renamed.displayName(), "fields not sent are kept");
        assertEquals("a@example.com", renamed.email());
        assertEquals("86-13800001111", renamed.mobilePhone());
        assertEquals("new comments", renamed.comments());
        assertEquals(NOW, renamed.createDate());
        assertEquals(NOW.plusSeconds(300), renamed.updateDate());
        assertRejected("EntityNotExist.User", 404, () -> ram.users().get(ROOT, "alice"));
        assertEquals(List.of(key.accessKeyId()),
                ram.accessKeys().list(ROOT, "alicia").stream().map(AccessKey::accessKeyId).toList());
        assertEquals("alicia", ram.groups().usersForGroup(ROOT, "dev", null, null).items().get(0).user().userName());
        assertEquals(1, ram.attachments().policiesFor(ROOT, EntityType.User, "alicia").size());
        assertEquals(1, store.policiesFor(new Principal.User(ACCOUNT, alice.userId(), "alicia")).size());
    }

    @Test
    void renamingOntoATakenOrReservedNameChangesNothing() {
        ram.users().create(ROOT, "alice", RamUsers.Profile.none());
        ram.users().create(ROOT, "bob", RamUsers.Profile.none());
        assertRejected("EntityAlreadyExists.User", 409,
                () -> ram.users().update(ROOT, "alice", "bob", RamUsers.Profile.none()));
        assertRejected("EntityAlreadyExists.User", 409,
                () -> ram.users().update(ROOT, "alice", "root", RamUsers.Profile.none()));
        assertRejected("InvalidParameter.NewUserName.InvalidChars", 400,
                () -> ram.users().update(ROOT, "alice", "a b", RamUsers.Profile.none()));
        assertRejected("InvalidParameter.NewEmail.Format", 400,
                () -> ram.users().update(ROOT, "alice", null, new RamUsers.Profile(null, null, "nope", null)));
        // the same name is no rename
        assertEquals("alice", ram.users().update(ROOT, "alice", "alice", RamUsers.Profile.none()).userName());
    }

    @Test
    void listPagesThroughTheUsersByName() {
        for (String name : List.of("erin", "alice", "dave", "carol", "bob")) {
            ram.users().create(ROOT, name, RamUsers.Profile.none());
        }
        ram.users().create(OTHER_ROOT, "zed", RamUsers.Profile.none());
        RamPage<RamUser> first = ram.users().list(ROOT, null, "2");
        assertEquals(List.of("alice", "bob"), first.items().stream().map(RamUser::userName).toList());
        assertTrue(first.isTruncated());
        RamPage<RamUser> second = ram.users().list(ROOT, first.marker(), "2");
        assertEquals(List.of("carol", "dave"), second.items().stream().map(RamUser::userName).toList());
        RamPage<RamUser> last = ram.users().list(ROOT, second.marker(), "2");
        assertEquals(List.of("erin"), last.items().stream().map(RamUser::userName).toList());
        assertFalse(last.isTruncated());
        assertNull(last.marker());
        RamPage<RamUser> all = ram.users().list(ROOT, null, null);
        assertEquals(5, all.items().size());
        assertFalse(all.isTruncated());

        assertRejected("InvalidParameter.MaxItems", 400, () -> ram.users().list(ROOT, null, "0"));
        assertRejected("InvalidParameter.MaxItems", 400, () -> ram.users().list(ROOT, null, "1001"));
        assertRejected("InvalidParameter.MaxItems", 400, () -> ram.users().list(ROOT, null, "ten"));
        assertRejected("InvalidParameter.Marker", 400, () -> ram.users().list(ROOT, "not*base64", null));
    }

    @Test
    void deleteRefusesAUserWithKeysPoliciesOrGroupsInThatOrder() {
        ram.users().create(ROOT, "alice", RamUsers.Profile.none());
        AccessKey key = ram.accessKeys().create(ROOT, "alice");
        ram.attachments().attach(ROOT, EntityType.User, "alice", "System", "ReadOnlyAccess");
        ram.groups().create(ROOT, "dev", null);
        ram.groups().addUser(ROOT, "dev", "alice");

        ApiException keys = assertRejected("DeleteConflict.User.AccessKey", 409,
                () -> ram.users().delete(ROOT, "alice"));
        assertEquals("The user CAN NOT has any access key while deleting the user.", keys.getMessage());
        ram.accessKeys().delete(ROOT, "alice", key.accessKeyId());
        assertRejected("DeleteConflict.User.Policy", 409, () -> ram.users().delete(ROOT, "alice"));
        ram.attachments().detach(ROOT, EntityType.User, "alice", "System", "ReadOnlyAccess");
        assertRejected("DeleteConflict.User.Group", 409, () -> ram.users().delete(ROOT, "alice"));
        ram.groups().removeUser(ROOT, "dev", "alice");

        ram.users().delete(ROOT, "alice");
        assertEquals(List.of(), store.users(ACCOUNT));
    }
}
