package dev.actiontrail.core.identity;

import dev.actiontrail.core.error.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RamAccessKeysTest extends RamTestSupport {

    @Test
    void theRootCreatesRootKeysUpToTheLimit() {
        AccessKey first = ram.accessKeys().create(ROOT, null);
        assertTrue(first.accessKeyId().matches("LTAI[A-Za-z0-9]{20}"), first.accessKeyId());
        assertEquals(30, first.accessKeySecret().length());
        assertEquals(AccessKey.ROOT, first.userName());
        assertEquals(ACCOUNT, first.accountId());
        assertEquals(AccessKey.Status.Active, first.status());
        assertEquals(NOW, first.createTime());
        assertEquals(first, store.find(first.accessKeyId()).orElseThrow(), "stored with its secret");
        ram.accessKeys().create(ROOT, "");
        ApiException limit = assertRejected("LimitExceeded.User.AccessKey", 409,
                () -> ram.accessKeys().create(ROOT, null));
        assertEquals("The access key count of the user access keys beyond the current limits.", limit.getMessage());
        assertEquals(2, ram.accessKeys().list(ROOT, null).size());
    }

    @Test
    void keysOfANamedUserOrOfTheCallingUser() {
        Caller alice = userCaller("alice");
        userCaller("bob");
        AccessKey byRoot = ram.accessKeys().create(ROOT, "alice");
        clock.advance(java.time.Duration.ofSeconds(1)); // listed oldest first
        AccessKey own = ram.accessKeys().create(alice, null);
        assertEquals("alice", own.userName());
        assertRejected("LimitExceeded.User.AccessKey", 409, () -> ram.accessKeys().create(alice, "alice"));
        ram.accessKeys().create(ROOT, "bob");

        assertEquals(List.of(byRoot, own), ram.accessKeys().list(alice, null));
        assertEquals(List.of(byRoot, own), ram.accessKeys().list(ROOT, "alice"));
        assertEquals(List.of(), ram.accessKeys().list(ROOT, null), "no root key yet");
        assertRejected("EntityNotExist.User", 404, () -> ram.accessKeys().create(ROOT, "carol"));
        assertRejected("EntityNotExist.User", 404, () -> ram.accessKeys().list(ROOT, "root"));
        assertRejected("InvalidParameter.UserName.InvalidChars", 400, () -> ram.accessKeys().list(ROOT, "a b"));
    }

    @Test
    void aRoleSessionMustNameTheUser() {
        userCaller("alice");
        Caller session = new Caller(new Principal.RoleSession(ACCOUNT, "1000000000000000001", "admin", "s", null,
                ACCOUNT, "1", NOW, NOW.plusSeconds(3600)), "STS.abc");
        assertRejected("MissingUserName", 400, () -> ram.accessKeys().create(session, null));
        assertEquals("alice", ram.accessKeys().create(session, "alice").userName());
    }

    @Test
    void updateSetsTheStatusOfTheOwnersKeyOnly() {
        userCaller("alice");
        userCaller("bob");
        AccessKey alices = ram.accessKeys().create(ROOT, "alice");
        AccessKey rootKey = ram.accessKeys().create(ROOT, null);
        AccessKey otherAccount = ram.accessKeys().create(OTHER_ROOT, null);

        ram.accessKeys().update(ROOT, "alice", alices.accessKeyId(), "Inactive");
        assertEquals(AccessKey.Status.Inactive, store.find(alices.accessKeyId()).orElseThrow().status());
        ram.accessKeys().update(ROOT, "alice", alices.accessKeyId(), "Active");
        assertEquals(AccessKey.Status.Active, store.find(alices.accessKeyId()).orElseThrow().status());

        ApiException absent = assertRejected("EntityNotExist.User.AccessKey", 404,
                () -> ram.accessKeys().update(ROOT, "bob", alices.accessKeyId(), "Inactive"));
        assertEquals("The user access key does not exist.", absent.getMessage());
        assertRejected("EntityNotExist.User.AccessKey", 404,
                () -> ram.accessKeys().update(ROOT, null, alices.accessKeyId(), "Inactive"));
        assertRejected("EntityNotExist.User.AccessKey", 404,
                () -> ram.accessKeys().update(ROOT, "alice", rootKey.accessKeyId(), "Inactive"));
        assertRejected("EntityNotExist.User.AccessKey", 404,
                () -> ram.accessKeys().update(ROOT, null, otherAccount.accessKeyId(), "Inactive"));
        assertRejected("EntityNotExist.User.AccessKey", 404,
                () -> ram.accessKeys().update(ROOT, null, "LTAInothing", "Inactive"));
        ApiException status = assertRejected("InvalidParameter.Status", 400,
                () -> ram.accessKeys().update(ROOT, "alice", alices.accessKeyId(), "inactive"));
        assertEquals("The parameter - \"Status\" is incorrect.", status.getMessage());
        assertRejected("MissingStatus", 400, () -> ram.accessKeys().update(ROOT, "alice", alices.accessKeyId(), null));
        assertRejected("MissingUserAccessKeyId", 400, () -> ram.accessKeys().update(ROOT, "alice", "", "Active"));
    }

    @Test
    void deleteRemovesTheOwnersKeyOnly() {
        Caller alice = userCaller("alice");
        AccessKey own = ram.accessKeys().create(alice, null);
        AccessKey rootKey = ram.accessKeys().create(ROOT, null);
        assertRejected("EntityNotExist.User.AccessKey", 404,
                () -> ram.accessKeys().delete(alice, null, rootKey.accessKeyId()));
        assertRejected("EntityNotExist.User.AccessKey", 404,
                () -> ram.accessKeys().delete(OTHER_ROOT, null, rootKey.accessKeyId()));
        ram.accessKeys().delete(alice, null, own.accessKeyId());
        assertFalse(store.find(own.accessKeyId()).isPresent());
        ram.accessKeys().delete(ROOT, null, rootKey.accessKeyId());
        assertEquals(List.of(), store.list());
    }

    @Test
    void theGeneratorMakesFreshKeysWithoutStoringThem() {
        AccessKey a = AccessKeys.generate(ACCOUNT, "alice", clock);
        AccessKey b = AccessKeys.generate(ACCOUNT, "alice", clock);
        assertFalse(a.accessKeyId().equals(b.accessKeyId()));
        assertFalse(a.accessKeySecret().equals(b.accessKeySecret()));
        assertEquals(Instant.parse("2024-05-20T12:00:00Z"), a.createTime());
        assertFalse(a.toString().contains(a.accessKeySecret()), "toString leaves the secret out");
        assertEquals(List.of(), store.list());
    }
}
