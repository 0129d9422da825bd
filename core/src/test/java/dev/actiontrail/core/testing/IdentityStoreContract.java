package dev.actiontrail.core.testing;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.identity.AccessKey;
import dev.actiontrail.core.identity.AttachedPolicy;
import dev.actiontrail.core.identity.GroupMembership;
import dev.actiontrail.core.identity.IdentityStore;
import dev.actiontrail.core.identity.PolicyAttachment;
import dev.actiontrail.core.identity.PolicyAttachment.EntityType;
import dev.actiontrail.core.identity.PolicyType;
import dev.actiontrail.core.identity.PolicyVersion;
import dev.actiontrail.core.identity.Principal;
import dev.actiontrail.core.identity.RamGroup;
import dev.actiontrail.core.identity.RamPolicy;
import dev.actiontrail.core.identity.RamRole;
import dev.actiontrail.core.identity.RamUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link IdentityStore} must have. An adapter proves its store by extending this class and
 * implementing {@link #newStore()}; {@link InMemoryIdentityStore} does too.
 */
public abstract class IdentityStoreContract {
    protected static final AccountId A = AccountId.of("1111111111111111");
    protected static final AccountId B = AccountId.of("2222222222222222");
    protected static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    protected static final Instant T1 = Instant.parse("2024-05-01T11:00:00Z");
    protected static final Instant T2 = Instant.parse("2024-05-01T12:00:00Z");
    protected static final String DOC_V1 = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"ram:Get*\",\"Resource\":\"*\"}]}";
    protected static final String DOC_V2 = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\","
            + "\"Action\":\"*\",\"Resource\":\"*\"}]}";

    protected IdentityStore store;

    /** A new, empty store. */
    protected abstract IdentityStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    protected static RamUser user(AccountId account, String name, String userId) {
        return new RamUser(account, userId, name, "Display " + name, "86-18600008888", name + "@example.com",
                "comments of " + name, T0, T1, null);
    }

    protected static AccessKey key(String id, AccountId account, String user, Instant created) {
        return new AccessKey(id, "secret-of-" + id, account, user, AccessKey.Status.Active, created);
    }

    protected static RamGroup group(AccountId account, String name, String id) {
        return new RamGroup(account, id, name, "group " + name, T0, T1);
    }

    protected static RamRole role(AccountId account, String name, String id) {
        return new RamRole(account, id, name, "role " + name,
                "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                        + "\"Principal\":{\"RAM\":\"acs:ram::" + account + ":root\"}}]}", 7200, T0, T1);
    }

    protected static RamPolicy custom(String name, String defaultVersion) {
        return new RamPolicy(PolicyType.Custom, name, "about " + name, defaultVersion, T0, T1);
    }

    // --- accounts ----------------------------------------------------------------------------------------------

    @Test
    void accountsAreCreatedOnceAndListedInCreationOrder() {
        assertTrue(store.createAccount(B, T0));
        assertTrue(store.createAccount(A, T1));
        assertFalse(store.createAccount(B, T2));
        assertTrue(store.accountExists(A));
        assertFalse(store.accountExists(AccountId.of("3333333333333333")));
        assertEquals(List.of(B, A), store.accounts());
    }

    // --- users -------------------------------------------------------------------------------------------------

    @Test
    void usersAreKeptPerAccountWithEveryFieldAndListedByName() {
        RamUser bob = user(A, "bob", "1000000000000002");
        RamUser alice = new RamUser(A, "1000000000000001", "alice", "", "", "", "", T0, T0, T2);
        RamUser otherBob = user(B, "bob", "2000000000000002");
        store.insertUser(bob);
        store.insertUser(alice);
        store.insertUser(otherBob);
        assertEquals(Optional.of(alice), store.user(A, "alice"));
        assertEquals(Optional.of(otherBob), store.user(B, "bob"));
        assertEquals(Optional.empty(), store.user(A, "carol"));
        assertEquals(List.of(alice, bob), store.users(A));
        assertEquals(List.of(otherBob), store.users(B));
        assertThrows(IllegalStateException.class, () -> store.insertUser(user(A, "bob", "1000000000000003")));
    }

    @Test
    void renamingAUserCarriesItsKeysMembershipsAndAttachmentsAlong() {
        store.insertUser(user(A, "alice", "1000000000000001"));
        store.insertUser(user(A, "bob", "1000000000000002"));
        store.insertUser(user(B, "alice", "2000000000000001"));
        store.insertGroup(group(A, "dev", "1000000000000000001"));
        store.add(key("LTAIalice", A, "alice", T0));
        store.add(key("LTAIbob", A, "bob", T0));
        store.add(key("LTAIotheralice", B, "alice", T0));
        store.insertMembership(A, new GroupMembership("dev", "alice", T1));
        store.insertAttachment(A, new PolicyAttachment(PolicyType.System, "ReadOnlyAccess", EntityType.User,
                "alice", T1));

        RamUser renamed = new RamUser(A, "1000000000000001", "alicia", "Alicia", "", "", "", T0, T2, null);
        store.updateUser("alice", renamed);

        assertEquals(Optional.empty(), store.user(A, "alice"));
        assertEquals(Optional.of(renamed), store.user(A, "alicia"));
        assertEquals("alicia", store.find("LTAIalice").orElseThrow().userName());
        assertEquals("bob", store.find("LTAIbob").orElseThrow().userName());
        assertEquals("alice", store.find("LTAIotheralice").orElseThrow().userName(), "other account untouched");
        assertEquals(List.of(new GroupMembership("dev", "alicia", T1)), store.memberships(A));
        assertEquals(List.of(new PolicyAttachment(PolicyType.System, "ReadOnlyAccess", EntityType.User, "alicia",
                T1)), store.attachments(A));
        assertEquals(Optional.of(user(B, "alice", "2000000000000001")), store.user(B, "alice"));
    }

    @Test
    void updatingAUserInPlaceAndRefusedUpdates() {
        store.insertUser(user(A, "alice", "1000000000000001"));
        store.insertUser(user(A, "bob", "1000000000000002"));
        RamUser changed = new RamUser(A, "1000000000000001", "alice", "A", "1-12345", "a@b.cn", "c", T0, T2, T2);
        store.updateUser("alice", changed);
        assertEquals(Optional.of(changed), store.user(A, "alice"));
        assertThrows(IllegalStateException.class, () -> store.updateUser("carol", user(A, "carol", "1")));
        assertThrows(IllegalStateException.class,
                () -> store.updateUser("alice", user(A, "bob", "1000000000000001")));
    }

    @Test
    void deleteUserRemovesOnlyThatUser() {
        store.insertUser(user(A, "alice", "1000000000000001"));
        store.insertUser(user(B, "alice", "2000000000000001"));
        store.deleteUser(A, "alice");
        store.deleteUser(A, "absent");
        assertEquals(List.of(), store.users(A));
        assertEquals(1, store.users(B).size());
    }

    // --- access keys -------------------------------------------------------------------------------------------

    @Test
    void accessKeysAreFoundListedUpdatedAndDeleted() {
        AccessKey rootKey = key("LTAIroot", A, AccessKey.ROOT, T1);
        AccessKey aliceLate = key("LTAIalice2", A, "alice", T2);
        AccessKey aliceEarly = key("LTAIalice1", A, "alice", T0);
        AccessKey otherAlice = key("LTAIalice3", B, "alice", T0);
        store.add(rootKey);
        store.add(aliceLate);
        store.add(aliceEarly);
        store.add(otherAlice);
        assertEquals(Optional.of(aliceLate), store.find("LTAIalice2"));
        assertEquals(Optional.empty(), store.find("LTAIabsent"));
        assertEquals(List.of(aliceEarly, otherAlice, rootKey, aliceLate), store.list());
        assertEquals(List.of(aliceEarly, aliceLate), store.accessKeys(A, "alice"));
        assertEquals(List.of(rootKey), store.accessKeys(A, AccessKey.ROOT));
        assertEquals(List.of(), store.accessKeys(B, AccessKey.ROOT));
        assertThrows(IllegalStateException.class, () -> store.add(key("LTAIroot", B, "x", T0)));

        AccessKey inactive = new AccessKey("LTAIalice1", "secret-of-LTAIalice1", A, "alice",
                AccessKey.Status.Inactive, T0);
        store.update(inactive);
        assertEquals(Optional.of(inactive), store.find("LTAIalice1"));

        assertTrue(store.delete("LTAIalice1"));
        assertFalse(store.delete("LTAIalice1"));
        assertEquals(List.of(aliceLate), store.accessKeys(A, "alice"));
    }

    // --- groups and memberships ----------------------------------------------------------------------------

    @Test
    void groupsAreKeptPerAccountRenamedWithTheirMembersAndPoliciesAndDeleted() {
        RamGroup ops = group(A, "ops", "1000000000000000002");
        RamGroup dev = group(A, "dev", "1000000000000000001");
        store.insertGroup(ops);
        store.insertGroup(dev);
        store.insertGroup(group(B, "dev", "2000000000000000001"));
        assertThrows(IllegalStateException.class, () -> store.insertGroup(group(A, "dev", "3")));
        assertEquals(List.of(dev, ops), store.groups(A));
        assertEquals(Optional.of(dev), store.group(A, "dev"));
        assertEquals(Optional.empty(), store.group(A, "qa"));

        store.insertMembership(A, new GroupMembership("dev", "alice", T1));
        store.insertMembership(B, new GroupMembership("dev", "alice", T1));
        store.insertAttachment(A, new PolicyAttachment(PolicyType.Custom, "p1", EntityType.Group, "dev", T2));
        RamGroup renamed = new RamGroup(A, dev.groupId(), "developers", "new comments", T0, T2);
        store.updateGroup("dev", renamed);
        assertEquals(List.of(renamed, ops), store.groups(A));
        assertEquals(List.of(new GroupMembership("developers", "alice", T1)), store.memberships(A));
        assertEquals(List.of(new GroupMembership("dev", "alice", T1)), store.memberships(B));
        assertEquals("developers", store.attachments(A).get(0).entityName());
        assertThrows(IllegalStateException.class, () -> store.updateGroup("developers",
                new RamGroup(A, dev.groupId(), "ops", "", T0, T2)));
        assertThrows(IllegalStateException.class, () -> store.updateGroup("absent", group(A, "absent", "1")));

        store.deleteGroup(A, "ops");
        assertEquals(List.of(renamed), store.groups(A));
    }

    @Test
    void membershipsAreOrderedUniqueAndRemovable() {
        GroupMembership late = new GroupMembership("dev", "bob", T2);
        GroupMembership early = new GroupMembership("ops", "alice", T0);
        GroupMembership sameTime = new GroupMembership("dev", "carol", T0);
        store.insertMembership(A, late);
        store.insertMembership(A, early);
        store.insertMembership(A, sameTime);
        assertEquals(List.of(sameTime, early, late), store.memberships(A));
        assertEquals(List.of(), store.memberships(B));
        assertThrows(IllegalStateException.class,
                () -> store.insertMembership(A, new GroupMembership("dev", "bob", T1)));
        assertTrue(store.deleteMembership(A, "dev", "bob"));
        assertFalse(store.deleteMembership(A, "dev", "bob"));
        assertFalse(store.deleteMembership(B, "ops", "alice"));
        assertEquals(List.of(sameTime, early), store.memberships(A));
    }

    // --- roles -------------------------------------------------------------------------------------------------

    @Test
    void roleNamesCompareCaseInsensitively() {
        RamRole admin = role(A, "EcsAdmin", "1000000000000000001");
        store.insertRole(admin);
        store.insertRole(role(A, "auditor", "1000000000000000002"));
        store.insertRole(role(B, "ecsadmin", "2000000000000000001"));
        assertEquals(Optional.of(admin), store.role(A, "ecsadmin"));
        assertEquals(Optional.of(admin), store.role(A, "ECSADMIN"));
        assertThrows(IllegalStateException.class, () -> store.insertRole(role(A, "ecsADMIN", "3")));
        assertEquals(List.of("EcsAdmin", "auditor"), store.roles(A).stream().map(RamRole::roleName).toList());

        RamRole changed = new RamRole(A, admin.roleId(), "EcsAdmin", "changed", admin.assumeRolePolicyDocument(),
                43200, T0, T2);
        store.updateRole(changed);
        assertEquals(Optional.of(changed), store.role(A, "EcsAdmin"));
        assertThrows(IllegalStateException.class, () -> store.updateRole(role(A, "absent", "4")));

        store.deleteRole(A, "ECSADMIN");
        assertEquals(Optional.empty(), store.role(A, "EcsAdmin"));
        assertEquals(1, store.roles(B).size());
    }

    // --- policies ----------------------------------------------------------------------------------------------

    @Test
    void customPoliciesKeepTheirVersionsAndTheDefaultIsThePolicys() {
        store.insertCustomPolicy(A, custom("read-all", "v1"));
        store.insertPolicyVersion(A, "read-all", "v1", DOC_V1, T0);
        store.insertCustomPolicy(A, custom("deny-all", "v1"));
        store.insertPolicyVersion(A, "deny-all", "v1", DOC_V2, T0);
        store.insertCustomPolicy(B, custom("read-all", "v1"));
        assertThrows(IllegalStateException.class, () -> store.insertCustomPolicy(A, custom("read-all", "v1")));

        assertEquals(List.of("deny-all", "read-all"),
                store.customPolicies(A).stream().map(RamPolicy::policyName).toList());
        assertEquals(Optional.of(custom("read-all", "v1")), store.customPolicy(A, "read-all"));
        assertEquals(Optional.empty(), store.customPolicy(A, "absent"));

        for (int v = 2; v <= 10; v++) {
            store.insertPolicyVersion(A, "read-all", "v" + v, v % 2 == 0 ? DOC_V2 : DOC_V1, T1);
        }
        assertThrows(IllegalStateException.class,
                () -> store.insertPolicyVersion(A, "read-all", "v2", DOC_V1, T1));
        assertThrows(IllegalStateException.class,
                () -> store.insertPolicyVersion(A, "absent", "v1", DOC_V1, T1));
        List<PolicyVersion> versions = store.policyVersions(A, "read-all");
        assertEquals(List.of("v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10"),
                versions.stream().map(PolicyVersion::versionId).toList(), "by number, not text");
        assertEquals(new PolicyVersion("v1", true, DOC_V1, T0), versions.get(0));
        assertEquals(new PolicyVersion("v2", false, DOC_V2, T1), versions.get(1));

        store.updateCustomPolicy(A, new RamPolicy(PolicyType.Custom, "read-all", "new", "v10", T0, T2));
        assertEquals(List.of("v10"), store.policyVersions(A, "read-all").stream()
                .filter(PolicyVersion::isDefaultVersion).map(PolicyVersion::versionId).toList());
        assertEquals("new", store.customPolicy(A, "read-all").orElseThrow().description());
        assertThrows(IllegalStateException.class, () -> store.updateCustomPolicy(A, custom("absent", "v1")));

        assertTrue(store.deletePolicyVersion(A, "read-all", "v3"));
        assertFalse(store.deletePolicyVersion(A, "read-all", "v3"));
        assertEquals(9, store.policyVersions(A, "read-all").size());

        store.deleteCustomPolicy(A, "read-all");
        assertEquals(Optional.empty(), store.customPolicy(A, "read-all"));
        assertEquals(List.of(), store.policyVersions(A, "read-all"));
        assertEquals(Optional.of(custom("read-all", "v1")), store.customPolicy(B, "read-all"));

        store.insertCustomPolicy(A, custom("read-all", "v1"));
        assertEquals(List.of(), store.policyVersions(A, "read-all"), "a recreated policy has no old versions");
    }

    // --- attachments -------------------------------------------------------------------------------------------

    @Test
    void attachmentsAreOrderedUniqueAndDetachable() {
        PolicyAttachment late = new PolicyAttachment(PolicyType.Custom, "p1", EntityType.User, "alice", T2);
        PolicyAttachment early = new PolicyAttachment(PolicyType.System, "ReadOnlyAccess", EntityType.Role,
                "Admin", T0);
        PolicyAttachment groupAtT0 = new PolicyAttachment(PolicyType.System, "ReadOnlyAccess", EntityType.Group,
                "dev", T0);
        store.insertAttachment(A, late);
        store.insertAttachment(A, early);
        store.insertAttachment(A, groupAtT0);
        assertEquals(List.of(groupAtT0, early, late), store.attachments(A));
        assertEquals(List.of(), store.attachments(B));
        assertThrows(IllegalStateException.class, () -> store.insertAttachment(A,
                new PolicyAttachment(PolicyType.Custom, "p1", EntityType.User, "alice", T1)));
        // the same name as another type, or on another entity, is another attachment
        store.insertAttachment(A, new PolicyAttachment(PolicyType.System, "p1", EntityType.User, "alice", T1));
        store.insertAttachment(A, new PolicyAttachment(PolicyType.Custom, "p1", EntityType.Group, "alice", T1));

        assertTrue(store.deleteAttachment(A, PolicyType.Custom, "p1", EntityType.User, "alice"));
        assertFalse(store.deleteAttachment(A, PolicyType.Custom, "p1", EntityType.User, "alice"));
        assertFalse(store.deleteAttachment(B, PolicyType.System, "ReadOnlyAccess", EntityType.Role, "Admin"));
        assertEquals(4, store.attachments(A).size());
    }

    @Test
    void policiesForAUserAreItsOwnAndItsGroupsWithTheDefaultDocument() {
        store.insertCustomPolicy(A, custom("read-all", "v2"));
        store.insertPolicyVersion(A, "read-all", "v1", DOC_V1, T0);
        store.insertPolicyVersion(A, "read-all", "v2", DOC_V2, T1);
        store.insertUser(user(A, "alice", "1000000000000001"));
        store.insertGroup(group(A, "dev", "1000000000000000001"));
        store.insertGroup(group(A, "ops", "1000000000000000002"));
        store.insertMembership(A, new GroupMembership("dev", "alice", T0));
        store.insertAttachment(A, new PolicyAttachment(PolicyType.System, "ReadOnlyAccess", EntityType.User,
                "alice", T0));
        store.insertAttachment(A, new PolicyAttachment(PolicyType.Custom, "read-all", EntityType.Group, "dev", T1));
        store.insertAttachment(A, new PolicyAttachment(PolicyType.System, "AdministratorAccess", EntityType.Group,
                "ops", T1));
        store.insertAttachment(A, new PolicyAttachment(PolicyType.System, "AliyunRAMFullAccess", EntityType.User,
                "bob", T1));

        Set<AttachedPolicy> expected = Set.of(
                new AttachedPolicy(PolicyType.System, "ReadOnlyAccess", "RamUser", null),
                new AttachedPolicy(PolicyType.Custom, "read-all", "RamGroup", DOC_V2));
        List<AttachedPolicy> found = store.policiesFor(new Principal.User(A, "1000000000000001", "alice"));
        assertEquals(expected, new HashSet<>(found));
        assertEquals(2, found.size());
        assertEquals(List.of(), store.policiesFor(new Principal.Root(A)));
        assertEquals(List.of(), store.policiesFor(new Principal.User(B, "2000000000000001", "alice")));
    }

    @Test
    void policiesForARoleSessionAreTheRoles() {
        store.insertRole(role(A, "Admin", "1000000000000000001"));
        store.insertAttachment(A, new PolicyAttachment(PolicyType.System, "AdministratorAccess", EntityType.Role,
                "Admin", T0));
        Principal.RoleSession session = new Principal.RoleSession(A, "1000000000000000001", "admin", "s1", null,
                B, "2000000000000001", T1, T2);
        assertEquals(List.of(new AttachedPolicy(PolicyType.System, "AdministratorAccess", "RamRole", null)),
                store.policiesFor(session));
    }

    @Test
    void aSessionOfADeletedRoleGetsNothingFromANewRoleOfTheSameName() {
        store.insertRole(role(A, "admin", "1000000000000000001"));
        Principal.RoleSession old = new Principal.RoleSession(A, "1000000000000000001", "admin", "s1", null,
                A, "1000000000000001", T1, T2);
        store.deleteRole(A, "admin");
        store.insertRole(role(A, "admin", "1000000000000000002"));
        store.insertAttachment(A, new PolicyAttachment(PolicyType.System, "AdministratorAccess", EntityType.Role,
                "admin", T0));
        assertEquals(List.of(), store.policiesFor(old));
        assertEquals(1, store.policiesFor(new Principal.RoleSession(A, "1000000000000000002", "admin", "s2", null,
                A, "1000000000000001", T1, T2)).size());
    }

    // --- secrets -----------------------------------------------------------------------------------------------

    @Test
    void aServerSecretIsCreatedOnceAndTheSameAfterwards() {
        AtomicInteger calls = new AtomicInteger();
        byte[] first = store.serverSecret("sts", () -> {
            calls.incrementAndGet();
            return new byte[] {1, 2, 3};
        });
        byte[] again = store.serverSecret("sts", () -> {
            calls.incrementAndGet();
            return new byte[] {9};
        });
        assertArrayEquals(new byte[] {1, 2, 3}, first);
        assertArrayEquals(first, again);
        assertEquals(1, calls.get());
        assertArrayEquals(new byte[] {7}, store.serverSecret("other", () -> new byte[] {7}));
    }

    // --- transactions and generation ---------------------------------------------------------------------------

    @Test
    void atomicallyReturnsItsValueAndSeesItsOwnWrites() {
        String seen = store.atomically(() -> {
            store.insertUser(user(A, "alice", "1000000000000001"));
            store.add(key("LTAIalice", A, "alice", T0));
            return store.user(A, "alice").orElseThrow().userName() + "/" + store.accessKeys(A, "alice").size();
        });
        assertEquals("alice/1", seen);
    }

    @Test
    void atomicallyRollsBackEveryWriteWhenTheBlockThrows() {
        store.insertUser(user(A, "bob", "1000000000000002"));
        long before = store.generation();
        RuntimeException failure = new IllegalArgumentException("rejected");
        RuntimeException thrown = assertThrows(IllegalArgumentException.class, () -> store.atomically(() -> {
            store.createAccount(A, T0);
            store.insertUser(user(A, "alice", "1000000000000001"));
            store.updateUser("bob", user(A, "robert", "1000000000000002"));
            store.add(key("LTAIalice", A, "alice", T0));
            store.insertGroup(group(A, "dev", "1000000000000000001"));
            store.insertMembership(A, new GroupMembership("dev", "alice", T0));
            store.insertRole(role(A, "Admin", "1000000000000000001"));
            store.insertCustomPolicy(A, custom("p1", "v1"));
            store.insertPolicyVersion(A, "p1", "v1", DOC_V1, T0);
            store.insertAttachment(A, new PolicyAttachment(PolicyType.Custom, "p1", EntityType.User, "alice", T0));
            store.atomically(() -> { // a nested block joins the outer one
                store.deleteUser(A, "robert");
                return null;
            });
            throw failure;
        }));
        assertSame(failure, thrown);
        assertFalse(store.accountExists(A));
        assertEquals(List.of(user(A, "bob", "1000000000000002")), store.users(A));
        assertEquals(List.of(), store.list());
        assertEquals(List.of(), store.groups(A));
        assertEquals(List.of(), store.memberships(A));
        assertEquals(List.of(), store.roles(A));
        assertEquals(List.of(), store.customPolicies(A));
        assertEquals(List.of(), store.attachments(A));
        assertEquals(before, store.generation(), "the generation is that of the state restored");
    }

    @Test
    void everyWriteMovesTheGenerationAndReadsDoNot() {
        long g = store.generation();
        store.insertUser(user(A, "alice", "1000000000000001"));
        g = assertMoved(g);
        store.add(key("LTAIalice", A, "alice", T0));
        g = assertMoved(g);
        store.update(new AccessKey("LTAIalice", "secret-of-LTAIalice", A, "alice", AccessKey.Status.Inactive, T0));
        g = assertMoved(g);
        store.insertGroup(group(A, "dev", "1000000000000000001"));
        g = assertMoved(g);
        store.insertMembership(A, new GroupMembership("dev", "alice", T0));
        g = assertMoved(g);
        store.insertRole(role(A, "Admin", "1000000000000000001"));
        g = assertMoved(g);
        store.insertCustomPolicy(A, custom("p1", "v1"));
        g = assertMoved(g);
        store.insertPolicyVersion(A, "p1", "v1", DOC_V1, T0);
        g = assertMoved(g);
        store.insertAttachment(A, new PolicyAttachment(PolicyType.Custom, "p1", EntityType.Role, "Admin", T0));
        g = assertMoved(g);

        store.user(A, "alice");
        store.users(A);
        store.list();
        store.policiesFor(new Principal.User(A, "1000000000000001", "alice"));
        store.attachments(A);
        assertEquals(g, store.generation(), "reads leave it alone");

        store.deleteAttachment(A, PolicyType.Custom, "p1", EntityType.Role, "Admin");
        g = assertMoved(g);
        store.deleteMembership(A, "dev", "alice");
        g = assertMoved(g);
        store.delete("LTAIalice");
        g = assertMoved(g);
        store.updateUser("alice", user(A, "alicia", "1000000000000001"));
        g = assertMoved(g);
        store.deleteUser(A, "alicia");
        assertMoved(g);
    }

    private long assertMoved(long before) {
        long now = store.generation();
        assertNotEquals(before, now);
        assertTrue(now > before, "the generation grows");
        return now;
    }
}
