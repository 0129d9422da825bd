package dev.actiontrail.persistence;

import dev.actiontrail.core.access.JsonTree;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.identity.AccessKey;
import dev.actiontrail.core.identity.Caller;
import dev.actiontrail.core.identity.IdentityStore;
import dev.actiontrail.core.identity.Principal;
import dev.actiontrail.core.identity.RamLimits;
import dev.actiontrail.core.identity.RamServices;
import dev.actiontrail.core.identity.RamUser;
import dev.actiontrail.core.identity.RamUsers;
import dev.actiontrail.core.testing.IdentityStoreContract;
import dev.actiontrail.core.testing.MutableClock;
import dev.actiontrail.persistence.access.FileAccessKeyStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The identity store contract on a real SQLite file, and what only a file can show. */
class SqliteIdentityStoreTest extends IdentityStoreContract {
    @TempDir
    Path dir;
    private final List<SqliteStore> opened = new ArrayList<>();

    private SqliteStore open() {
        SqliteStore s = SqliteStore.open(dir.resolve("at.db"));
        opened.add(s);
        return s;
    }

    @Override
    protected IdentityStore newStore() {
        return open().identities();
    }

    @AfterEach
    void closeAll() {
        opened.forEach(SqliteStore::close);
    }

    @Test
    void theSchemaIsAtVersionThreeOrLater() {
        assertTrue(opened.get(0).schemaVersion() >= 3);
    }

    @Test
    void everythingSurvivesClosingAndReopening() {
        RamUser alice = user(A, "alice", "1000000000000001");
        store.insertUser(alice);
        store.add(key("LTAIalice", A, "alice", T0));
        store.insertCustomPolicy(A, custom("p", "v1"));
        store.insertPolicyVersion(A, "p", "v1", DOC_V1, T0);
        byte[] secret = store.serverSecret("sts", () -> new byte[] {4, 2});
        long generation = store.generation();
        opened.remove(0).close();

        IdentityStore reopened = open().identities();
        assertEquals(Optional.of(alice), reopened.user(A, "alice"));
        assertEquals(Optional.of(key("LTAIalice", A, "alice", T0)), reopened.find("LTAIalice"));
        assertEquals(DOC_V1, reopened.policyVersions(A, "p").get(0).policyDocument());
        assertEquals(List.of((byte) 4, (byte) 2), List.of(reopened.serverSecret("sts", () -> new byte[] {9})[0],
                secret[1]));
        assertEquals(generation, reopened.generation());
    }

    @Test
    void aSecondProcessOnTheSameFileSeesTheGenerationMove() {
        IdentityStore other = open().identities(); // a second SqliteStore on the file: the CLI beside the server
        long before = other.generation();
        store.add(key("LTAInew", A, AccessKey.ROOT, T0));
        long after = other.generation();
        assertNotEquals(before, after);
        assertEquals(store.generation(), after);
        assertTrue(other.find("LTAInew").isPresent());

        other.delete("LTAInew");
        assertNotEquals(after, store.generation());
        assertFalse(store.find("LTAInew").isPresent());
    }

    @Test
    void aRolledBackBlockLeavesNothingForAnotherProcessToSee() {
        IdentityStore other = open().identities();
        long before = other.generation();
        assertThrows(IllegalStateException.class, () -> store.atomically(() -> {
            store.insertUser(user(A, "alice", "1000000000000001"));
            store.insertUser(user(A, "alice", "1000000000000002")); // a broken precondition
            return null;
        }));
        assertEquals(List.of(), other.users(A));
        assertEquals(before, other.generation());
    }

    @Test
    void aRejectedRamCallOnSqliteChangesNothing() {
        MutableClock clock = MutableClock.at("2024-05-20T12:00:00Z");
        RamServices ram = RamServices.create(store, JsonTree.policyParser(), RamLimits.defaults(), clock);
        Caller root = new Caller(new Principal.Root(A), "LTAIroot");
        ram.users().create(root, "alice", RamUsers.Profile.none());
        ram.accessKeys().create(root, "alice");
        ram.accessKeys().create(root, "alice");
        long generation = store.generation();
        ApiException limit = assertThrows(ApiException.class, () -> ram.accessKeys().create(root, "alice"));
        assertEquals("LimitExceeded.User.AccessKey", limit.code());
        ApiException conflict = assertThrows(ApiException.class, () -> ram.users().delete(root, "alice"));
        assertEquals("DeleteConflict.User.AccessKey", conflict.code());
        assertEquals(generation, store.generation());
        assertEquals(2, store.accessKeys(A, "alice").size());

        ram.users().update(root, "alice", "alicia", RamUsers.Profile.none());
        assertEquals(2, store.accessKeys(A, "alicia").size(), "keys follow the rename");
    }

    @Test
    void theOldKeysFileIsImportedOnceAndKeptAside() throws Exception {
        FileAccessKeyStore file = new FileAccessKeyStore(dir);
        AccessKey rootKey = new AccessKey("LTAIroot0000000000000001", "s".repeat(30), A, AccessKey.ROOT,
                AccessKey.Status.Active, Instant.parse("2024-01-01T00:00:00Z"));
        AccessKey userKey = new AccessKey("LTAIuser0000000000000001", "t".repeat(30), B, "alice",
                AccessKey.Status.Inactive, Instant.parse("2024-02-01T00:00:00Z"));
        file.add(rootKey);
        file.add(userKey);
        Path keysFile = dir.resolve(FileAccessKeyStore.FILE);
        String text = Files.readString(keysFile);

        assertEquals(2, SqliteIdentityStore.importKeysFile(dir, store));

        assertEquals(Optional.of(rootKey), store.find(rootKey.accessKeyId()));
        assertEquals(Optional.of(userKey), store.find(userKey.accessKeyId()));
        assertTrue(store.accountExists(A));
        assertTrue(store.accountExists(B));
        assertFalse(Files.exists(keysFile));
        Path imported = dir.resolve(FileAccessKeyStore.FILE + SqliteIdentityStore.IMPORTED_SUFFIX);
        assertEquals(text, Files.readString(imported), "the old file is kept, unchanged");
        assertEquals(0, SqliteIdentityStore.importKeysFile(dir, store), "nothing to import the second time");
        assertEquals(2, store.list().size());
    }

    @Test
    void anInterruptedImportIsRepeatedWithoutDuplicates() {
        FileAccessKeyStore file = new FileAccessKeyStore(dir);
        AccessKey key = new AccessKey("LTAIroot0000000000000001", "s".repeat(30), A, AccessKey.ROOT,
                AccessKey.Status.Active, T0);
        file.add(key);
        store.add(key); // committed before a crash that kept the file from being renamed
        assertEquals(0, SqliteIdentityStore.importKeysFile(dir, store));
        assertEquals(List.of(key), store.list());
        assertFalse(Files.exists(dir.resolve(FileAccessKeyStore.FILE)));
    }

    @Test
    void noKeysFileImportsNothing() {
        assertEquals(0, SqliteIdentityStore.importKeysFile(dir, store));
        assertEquals(List.of(), store.accounts());
        assertEquals(AccountId.of("1111111111111111"), A);
    }
}
