package dev.actiontrail.core.testing;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.identity.AccessKey;
import dev.actiontrail.core.identity.AttachedPolicy;
import dev.actiontrail.core.identity.GroupMembership;
import dev.actiontrail.core.identity.IdentityStore;
import dev.actiontrail.core.identity.PolicyAttachment;
import dev.actiontrail.core.identity.PolicyType;
import dev.actiontrail.core.identity.PolicyVersion;
import dev.actiontrail.core.identity.Principal;
import dev.actiontrail.core.identity.RamGroup;
import dev.actiontrail.core.identity.RamPolicy;
import dev.actiontrail.core.identity.RamRole;
import dev.actiontrail.core.identity.RamUser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * An {@link IdentityStore} in memory, with the port's full behaviour: per-account data, role names compared
 * case-insensitively, renames that carry keys, memberships and attachments along, transactions that roll back, and
 * a {@link #generation()} bumped by every write. Thread-safe: every method holds this object's monitor, and
 * {@link #atomically} holds it for the whole block, so a block is isolated from other threads.
 *
 * <p>Rollback: the outermost {@link #atomically} block snapshots the state (all values are immutable records, so a
 * snapshot is a copy of the maps) and restores it — generation included — when the block throws.
 *
 * <p>Breaking the port's preconditions fails loudly ({@link IllegalStateException}), so a use case that relies on
 * them is caught. {@link #contents()} gives a comparable snapshot of everything, for "a rejected call changes
 * nothing" tests.
 */
public final class InMemoryIdentityStore implements IdentityStore {
    /** (account, name) — the key of users, groups, roles (lower-cased name) and custom policies. */
    private record Name(AccountId account, String name) {
    }

    /** A stored policy version (whether it is the default is the policy's business). */
    private record Version(String versionId, String document, Instant createDate) {
    }

    /** Everything stored; copied whole for a snapshot. */
    private static final class State {
        final Map<AccountId, Instant> accounts = new LinkedHashMap<>();
        final Map<Name, RamUser> users = new HashMap<>();
        final Map<String, AccessKey> keys = new LinkedHashMap<>();
        final Map<Name, RamGroup> groups = new HashMap<>();
        final Map<AccountId, List<GroupMembership>> memberships = new HashMap<>();
        final Map<Name, RamRole> roles = new HashMap<>();
        final Map<Name, RamPolicy> policies = new HashMap<>();
        final Map<Name, TreeMap<Integer, Version>> versions = new HashMap<>();
        final Map<AccountId, List<PolicyAttachment>> attachments = new HashMap<>();
        final Map<String, byte[]> secrets = new HashMap<>();
        long generation;

        State copy() {
            State c = new State();
            c.accounts.putAll(accounts);
            c.users.putAll(users);
            c.keys.putAll(keys);
            c.groups.putAll(groups);
            memberships.forEach((a, l) -> c.memberships.put(a, new ArrayList<>(l)));
            c.roles.putAll(roles);
            c.policies.putAll(policies);
            versions.forEach((n, v) -> c.versions.put(n, new TreeMap<>(v)));
            attachments.forEach((a, l) -> c.attachments.put(a, new ArrayList<>(l)));
            c.secrets.putAll(secrets);
            c.generation = generation;
            return c;
        }
    }

    private State state = new State();
    private int depth;

    // --- transactions and generation ---------------------------------------------------------------------------

    @Override
    public synchronized long generation() {
        return state.generation;
    }

    @Override
    public synchronized <T> T atomically(Supplier<T> work) {
        State before = depth == 0 ? state.copy() : null;
        depth++;
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            if (before != null) {
                state = before;
            }
            throw e;
        } finally {
            depth--;
        }
    }

    private void changed() {
        state.generation++;
    }

    /**
     * A comparable snapshot of everything stored (secrets' bytes as lists), with the generation: equal before and
     * after a call that changed nothing.
     */
    public synchronized Object contents() {
        Map<String, Object> out = new TreeMap<>();
        out.put("accounts", new LinkedHashMap<>(state.accounts));
        out.put("users", new HashMap<>(state.users));
        out.put("keys", new LinkedHashMap<>(state.keys));
        out.put("groups", new HashMap<>(state.groups));
        Map<AccountId, List<GroupMembership>> members = new HashMap<>();
        state.memberships.forEach((a, l) -> members.put(a, List.copyOf(l)));
        out.put("memberships", members);
        out.put("roles", new HashMap<>(state.roles));
        out.put("policies", new HashMap<>(state.policies));
        Map<Name, Map<Integer, Version>> versions = new HashMap<>();
        state.versions.forEach((n, v) -> versions.put(n, new TreeMap<>(v)));
        out.put("versions", versions);
        Map<AccountId, List<PolicyAttachment>> attachments = new HashMap<>();
        state.attachments.forEach((a, l) -> attachments.put(a, List.copyOf(l)));
        out.put("attachments", attachments);
        Map<String, List<Byte>> secrets = new TreeMap<>();
        state.secrets.forEach((k, v) -> {
            List<Byte> bytes = new ArrayList<>();
            for (byte b : v) {
                bytes.add(b);
            }
            secrets.put(k, bytes);
        });
        out.put("secrets", secrets);
        out.put("generation", state.generation);
        return out;
    }

    // --- accounts ----------------------------------------------------------------------------------------------

    @Override
    public synchronized boolean createAccount(AccountId account, Instant createTime) {
        Objects.requireNonNull(createTime, "createTime");
        if (state.accounts.containsKey(account)) {
            return false;
        }
        state.accounts.put(account, createTime);
        changed();
        return true;
    }

    @Override
    public synchronized boolean accountExists(AccountId account) {
        return state.accounts.containsKey(account);
    }

    @Override
    public synchronized List<AccountId> accounts() {
        return List.copyOf(state.accounts.keySet());
    }

    // --- AccessKeys --------------------------------------------------------------------------------------------

    @Override
    public synchronized Optional<AccessKey> find(String accessKeyId) {
        return Optional.ofNullable(state.keys.get(accessKeyId));
    }

    @Override
    public synchronized List<AccessKey> list() {
        return state.keys.values().stream().sorted(KEY_ORDER).toList();
    }

    @Override
    public synchronized void add(AccessKey key) {
        if (state.keys.containsKey(key.accessKeyId())) {
            throw new IllegalStateException("AccessKey exists: " + key.accessKeyId());
        }
        state.keys.put(key.accessKeyId(), key);
        changed();
    }

    @Override
    public synchronized void update(AccessKey key) {
        if (!state.keys.containsKey(key.accessKeyId())) {
            throw new IllegalStateException("no such AccessKey: " + key.accessKeyId());
        }
        state.keys.put(key.accessKeyId(), key);
        changed();
    }

    @Override
    public synchronized boolean delete(String accessKeyId) {
        boolean existed = state.keys.remove(accessKeyId) != null;
        if (existed) {
            changed();
        }
        return existed;
    }

    @Override
    public synchronized List<AccessKey> accessKeys(AccountId account, String userName) {
        return state.keys.values().stream()
                .filter(k -> k.accountId().equals(account) && k.userName().equals(userName))
                .sorted(KEY_ORDER).toList();
    }

    private static final Comparator<AccessKey> KEY_ORDER =
            Comparator.comparing(AccessKey::createTime).thenComparing(AccessKey::accessKeyId);

    // --- users -------------------------------------------------------------------------------------------------

    @Override
    public synchronized Optional<RamUser> user(AccountId account, String userName) {
        return Optional.ofNullable(state.users.get(new Name(account, userName)));
    }

    @Override
    public synchronized List<RamUser> users(AccountId account) {
        return state.users.values().stream().filter(u -> u.accountId().equals(account))
                .sorted(Comparator.comparing(RamUser::userName)).toList();
    }

    @Override
    public synchronized void insertUser(RamUser user) {
        Name key = new Name(user.accountId(), user.userName());
        if (state.users.containsKey(key)) {
            throw new IllegalStateException("user exists: " + key);
        }
        requireUniqueUserId(user.userId());
        state.users.put(key, user);
        changed();
    }

    @Override
    public synchronized void updateUser(String userName, RamUser user) {
        AccountId account = user.accountId();
        Name old = new Name(account, userName);
        RamUser stored = state.users.get(old);
        if (stored == null) {
            throw new IllegalStateException("no such user: " + old);
        }
        String newName = user.userName();
        if (!newName.equals(userName)) {
            if (state.users.containsKey(new Name(account, newName))) {
                throw new IllegalStateException("user exists: " + newName);
            }
            state.users.remove(old);
            state.keys.replaceAll((id, k) -> k.accountId().equals(account) && k.userName().equals(userName)
                    ? new AccessKey(k.accessKeyId(), k.accessKeySecret(), account, newName, k.status(), k.createTime())
                    : k);
            state.memberships.getOrDefault(account, new ArrayList<>()).replaceAll(m -> m.userName().equals(userName)
                    ? new GroupMembership(m.groupName(), newName, m.joinDate()) : m);
            renameAttached(account, PolicyAttachment.EntityType.User, userName, newName);
        }
        state.users.put(new Name(account, newName), user);
        changed();
    }

    @Override
    public synchronized void deleteUser(AccountId account, String userName) {
        if (state.users.remove(new Name(account, userName)) != null) {
            changed();
        }
    }

    private void requireUniqueUserId(String userId) {
        if (state.users.values().stream().anyMatch(u -> u.userId().equals(userId))) {
            throw new IllegalStateException("UserId in use: " + userId);
        }
    }

    // --- groups and memberships ----------------------------------------------------------------------------

    @Override
    public synchronized Optional<RamGroup> group(AccountId account, String groupName) {
        return Optional.ofNullable(state.groups.get(new Name(account, groupName)));
    }

    @Override
    public synchronized List<RamGroup> groups(AccountId account) {
        return state.groups.values().stream().filter(g -> g.accountId().equals(account))
                .sorted(Comparator.comparing(RamGroup::groupName)).toList();
    }

    @Override
    public synchronized void insertGroup(RamGroup group) {
        Name key = new Name(group.accountId(), group.groupName());
        if (state.groups.containsKey(key)) {
            throw new IllegalStateException("group exists: " + key);
        }
        state.groups.put(key, group);
        changed();
    }

    @Override
    public synchronized void updateGroup(String groupName, RamGroup group) {
        AccountId account = group.accountId();
        Name old = new Name(account, groupName);
        if (!state.groups.containsKey(old)) {
            throw new IllegalStateException("no such group: " + old);
        }
        String newName = group.groupName();
        if (!newName.equals(groupName)) {
            if (state.groups.containsKey(new Name(account, newName))) {
                throw new IllegalStateException("group exists: " + newName);
            }
            state.groups.remove(old);
            state.memberships.getOrDefault(account, new ArrayList<>()).replaceAll(m -> m.groupName().equals(groupName)
                    ? new GroupMembership(newName, m.userName(), m.joinDate()) : m);
            renameAttached(account, PolicyAttachment.EntityType.Group, groupName, newName);
        }
        state.groups.put(new Name(account, newName), group);
        changed();
    }

    @Override
    public synchronized void deleteGroup(AccountId account, String groupName) {
        if (state.groups.remove(new Name(account, groupName)) != null) {
            changed();
        }
    }

    @Override
    public synchronized List<GroupMembership> memberships(AccountId account) {
        return state.memberships.getOrDefault(account, List.of()).stream()
                .sorted(Comparator.comparing(GroupMembership::joinDate).thenComparing(GroupMembership::groupName)
                        .thenComparing(GroupMembership::userName))
                .toList();
    }

    @Override
    public synchronized void insertMembership(AccountId account, GroupMembership membership) {
        List<GroupMembership> list = state.memberships.computeIfAbsent(account, a -> new ArrayList<>());
        if (list.stream().anyMatch(m -> m.groupName().equals(membership.groupName())
                && m.userName().equals(membership.userName()))) {
            throw new IllegalStateException("already a member: " + membership);
        }
        list.add(membership);
        changed();
    }

    @Override
    public synchronized boolean deleteMembership(AccountId account, String groupName, String userName) {
        boolean removed = state.memberships.getOrDefault(account, new ArrayList<>())
                .removeIf(m -> m.groupName().equals(groupName) && m.userName().equals(userName));
        if (removed) {
            changed();
        }
        return removed;
    }

    // --- roles -------------------------------------------------------------------------------------------------

    private static Name roleKey(AccountId account, String roleName) {
        return new Name(account, roleName.toLowerCase(Locale.ROOT));
    }

    @Override
    public synchronized Optional<RamRole> role(AccountId account, String roleName) {
        return Optional.ofNullable(state.roles.get(roleKey(account, roleName)));
    }

    @Override
    public synchronized List<RamRole> roles(AccountId account) {
        return state.roles.values().stream().filter(r -> r.accountId().equals(account))
                .sorted(Comparator.comparing(RamRole::roleName)).toList();
    }

    @Override
    public synchronized void insertRole(RamRole role) {
        Name key = roleKey(role.accountId(), role.roleName());
        if (state.roles.containsKey(key)) {
            throw new IllegalStateException("role exists: " + key);
        }
        state.roles.put(key, role);
        changed();
    }

    @Override
    public synchronized void updateRole(RamRole role) {
        Name key = roleKey(role.accountId(), role.roleName());
        if (!state.roles.containsKey(key)) {
            throw new IllegalStateException("no such role: " + key);
        }
        state.roles.put(key, role);
        changed();
    }

    @Override
    public synchronized void deleteRole(AccountId account, String roleName) {
        if (state.roles.remove(roleKey(account, roleName)) != null) {
            changed();
        }
    }

    // --- custom policies ---------------------------------------------------------------------------------------

    @Override
    public synchronized Optional<RamPolicy> customPolicy(AccountId account, String policyName) {
        return Optional.ofNullable(state.policies.get(new Name(account, policyName)));
    }

    @Override
    public synchronized List<RamPolicy> customPolicies(AccountId account) {
        return state.policies.entrySet().stream().filter(e -> e.getKey().account().equals(account))
                .map(Map.Entry::getValue).sorted(Comparator.comparing(RamPolicy::policyName)).toList();
    }

    @Override
    public synchronized void insertCustomPolicy(AccountId account, RamPolicy policy) {
        requireCustom(policy);
        Name key = new Name(account, policy.policyName());
        if (state.policies.containsKey(key)) {
            throw new IllegalStateException("policy exists: " + key);
        }
        state.policies.put(key, policy);
        state.versions.put(key, new TreeMap<>());
        changed();
    }

    @Override
    public synchronized void updateCustomPolicy(AccountId account, RamPolicy policy) {
        requireCustom(policy);
        Name key = new Name(account, policy.policyName());
        if (!state.policies.containsKey(key)) {
            throw new IllegalStateException("no such policy: " + key);
        }
        state.policies.put(key, policy);
        changed();
    }

    @Override
    public synchronized void deleteCustomPolicy(AccountId account, String policyName) {
        Name key = new Name(account, policyName);
        if (state.policies.remove(key) != null) {
            state.versions.remove(key);
            changed();
        }
    }

    @Override
    public synchronized List<PolicyVersion> policyVersions(AccountId account, String policyName) {
        Name key = new Name(account, policyName);
        RamPolicy policy = state.policies.get(key);
        if (policy == null) {
            return List.of();
        }
        return state.versions.get(key).values().stream()
                .map(v -> new PolicyVersion(v.versionId(), v.versionId().equals(policy.defaultVersion()),
                        v.document(), v.createDate()))
                .toList();
    }

    @Override
    public synchronized void insertPolicyVersion(AccountId account, String policyName, String versionId,
                                                 String policyDocument, Instant createDate) {
        Name key = new Name(account, policyName);
        TreeMap<Integer, Version> versions = state.versions.get(key);
        if (versions == null) {
            throw new IllegalStateException("no such policy: " + key);
        }
        int number = PolicyVersion.number(versionId);
        if (number < 0 || versions.containsKey(number)) {
            throw new IllegalStateException("bad or existing version " + versionId + " of " + key);
        }
        versions.put(number, new Version(versionId, Objects.requireNonNull(policyDocument),
                Objects.requireNonNull(createDate)));
        changed();
    }

    @Override
    public synchronized boolean deletePolicyVersion(AccountId account, String policyName, String versionId) {
        TreeMap<Integer, Version> versions = state.versions.get(new Name(account, policyName));
        boolean removed = versions != null && versions.remove(PolicyVersion.number(versionId)) != null;
        if (removed) {
            changed();
        }
        return removed;
    }

    private static void requireCustom(RamPolicy policy) {
        if (policy.policyType() != PolicyType.Custom) {
            throw new IllegalStateException("only custom policies are stored: " + policy);
        }
    }

    // --- attachments -------------------------------------------------------------------------------------------

    @Override
    public synchronized List<PolicyAttachment> attachments(AccountId account) {
        return state.attachments.getOrDefault(account, List.of()).stream()
                .sorted(Comparator.comparing(PolicyAttachment::attachDate)
                        .thenComparing(a -> a.entityType().name())
                        .thenComparing(PolicyAttachment::entityName)
                        .thenComparing(a -> a.policyType().name())
                        .thenComparing(PolicyAttachment::policyName))
                .toList();
    }

    @Override
    public synchronized void insertAttachment(AccountId account, PolicyAttachment attachment) {
        List<PolicyAttachment> list = state.attachments.computeIfAbsent(account, a -> new ArrayList<>());
        if (list.stream().anyMatch(a -> a.matches(attachment.policyType(), attachment.policyName(),
                attachment.entityType(), attachment.entityName()))) {
            throw new IllegalStateException("already attached: " + attachment);
        }
        list.add(attachment);
        changed();
    }

    @Override
    public synchronized boolean deleteAttachment(AccountId account, PolicyType policyType, String policyName,
                                                 PolicyAttachment.EntityType entityType, String entityName) {
        boolean removed = state.attachments.getOrDefault(account, new ArrayList<>())
                .removeIf(a -> a.matches(policyType, policyName, entityType, entityName));
        if (removed) {
            changed();
        }
        return removed;
    }

    private void renameAttached(AccountId account, PolicyAttachment.EntityType type, String from, String to) {
        state.attachments.getOrDefault(account, new ArrayList<>()).replaceAll(a -> a.isOn(type, from)
                ? new PolicyAttachment(a.policyType(), a.policyName(), type, to, a.attachDate()) : a);
    }

    // --- what authorization reads ----------------------------------------------------------------------------

    @Override
    public synchronized List<AttachedPolicy> policiesFor(Principal principal) {
        AccountId account = principal.accountId();
        List<AttachedPolicy> out = new ArrayList<>();
        if (principal instanceof Principal.User user) {
            addAttached(out, account, PolicyAttachment.EntityType.User, user.userName());
            for (GroupMembership m : memberships(account)) {
                if (m.userName().equals(user.userName())) {
                    addAttached(out, account, PolicyAttachment.EntityType.Group, m.groupName());
                }
            }
        } else if (principal instanceof Principal.RoleSession session) {
            role(account, session.roleName()).filter(r -> r.roleId().equals(session.roleId()))
                    .ifPresent(r -> addAttached(out, account, PolicyAttachment.EntityType.Role, r.roleName()));
        }
        return out;
    }

    private void addAttached(List<AttachedPolicy> out, AccountId account, PolicyAttachment.EntityType type,
                             String name) {
        for (PolicyAttachment a : attachments(account)) {
            if (a.isOn(type, name)) {
                String document = a.policyType() == PolicyType.System ? null
                        : policyVersions(account, a.policyName()).stream().filter(PolicyVersion::isDefaultVersion)
                        .map(PolicyVersion::policyDocument).findFirst().orElse(null);
                if (a.policyType() == PolicyType.System || document != null) {
                    out.add(new AttachedPolicy(a.policyType(), a.policyName(), type.attachedEntityType(), document));
                }
            }
        }
    }

    // --- server secrets ----------------------------------------------------------------------------------------

    @Override
    public synchronized byte[] serverSecret(String name, Supplier<byte[]> initial) {
        byte[] secret = state.secrets.get(name);
        if (secret == null) {
            secret = initial.get().clone();
            state.secrets.put(name, secret);
            changed();
        }
        return secret.clone();
    }
}
