package dev.actiontrail.core.identity;

import dev.actiontrail.core.account.AccountId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Port: the accounts of a server and, per account, its RAM identities (users, groups, roles), policies, policy
 * attachments and AccessKeys. Everything is keyed by account: no method returns or changes another account's data.
 *
 * <p><b>Consistency.</b> {@link #atomically(Supplier)} runs a use case's reads and writes as one transaction (one
 * consistency boundary per use case): a use case that validates and then writes does both inside it, so a rejected
 * call changes nothing and two concurrent calls cannot both pass a check that only one may pass.
 *
 * <p><b>Generation.</b> {@link #generation()} changes whenever anything identity-related changes, in this process or
 * in another one on the same store (the CLI beside a running server). Caches of keys and policies compare it before
 * use, so a deleted key or a detached policy stops working on the very next call.
 */
public interface IdentityStore extends AccessKeyStore {

    /** A number that changes (grows) with every committed identity change, in any process sharing the store. */
    long generation();

    /** Runs {@code work} as one transaction; a thrown exception rolls back every write made inside it. */
    <T> T atomically(Supplier<T> work);

    // --- accounts -------------------------------------------------------------------------------------------

    /** Adds an account; returns false (and changes nothing) when it exists already. */
    boolean createAccount(AccountId account, Instant createTime);

    boolean accountExists(AccountId account);

    /** Every account, in creation order. */
    List<AccountId> accounts();

    // --- what authentication and authorization read ----------------------------------------------------------

    /** The RAM user of this name in the account. */
    Optional<RamUser> user(AccountId account, String userName);

    /** The RAM role of this name in the account (names compare case-insensitively, as RAM does). */
    Optional<RamRole> role(AccountId account, String roleName);

    /**
     * The policies that apply to a principal: for a RAM user its own and its groups' ({@code attachedEntityType}
     * {@code RamUser} / {@code RamGroup}); for a role session the role's ({@code RamRole}) — the role of the session's
     * role ID, so a session of a deleted role gets nothing from a new role of the same name; for the root identity
     * none.
     */
    List<AttachedPolicy> policiesFor(Principal principal);

    // --- RAM users ---------------------------------------------------------------------------------------------

    /** The account's RAM users, ordered by name (code point order). */
    List<RamUser> users(AccountId account);

    /**
     * Stores a new user.
     *
     * @throws IllegalStateException if the account has a user of that name already
     */
    void insertUser(RamUser user);

    /**
     * Replaces the user now named {@code userName} in {@code user.accountId()} by {@code user} (UpdateUser). When the
     * name changes, everything that refers to the user follows it: its AccessKeys ({@link AccessKey#userName()}),
     * its group memberships and the policies attached to it.
     *
     * @throws IllegalStateException if there is no such user, or the new name is taken
     */
    void updateUser(String userName, RamUser user);

    /** Removes the user (the use case first makes sure no key, membership or attachment refers to it). */
    void deleteUser(AccountId account, String userName);

    /**
     * The stored AccessKeys of one identity of the account: a RAM user's, or with {@link AccessKey#ROOT} the root
     * identity's; ordered by creation time, then ID.
     */
    List<AccessKey> accessKeys(AccountId account, String userName);

    // --- RAM groups and memberships -----------------------------------------------------------------------------

    /** The group of this name in the account. */
    Optional<RamGroup> group(AccountId account, String groupName);

    /** The account's groups, ordered by name. */
    List<RamGroup> groups(AccountId account);

    /**
     * Stores a new group.
     *
     * @throws IllegalStateException if the account has a group of that name already
     */
    void insertGroup(RamGroup group);

    /**
     * Replaces the group now named {@code groupName} by {@code group} (UpdateGroup); on a new name its memberships
     * and attached policies follow it.
     *
     * @throws IllegalStateException if there is no such group, or the new name is taken
     */
    void updateGroup(String groupName, RamGroup group);

    /** Removes the group (the use case first makes sure it has no member and no attached policy). */
    void deleteGroup(AccountId account, String groupName);

    /** The account's group memberships, ordered by join date, then group name, then user name. */
    List<GroupMembership> memberships(AccountId account);

    /**
     * Adds a membership.
     *
     * @throws IllegalStateException if the user is in the group already
     */
    void insertMembership(AccountId account, GroupMembership membership);

    /** Removes the user from the group; returns whether it was a member. */
    boolean deleteMembership(AccountId account, String groupName, String userName);

    // --- RAM roles -----------------------------------------------------------------------------------------------

    /** The account's roles, ordered by name. */
    List<RamRole> roles(AccountId account);

    /**
     * Stores a new role.
     *
     * @throws IllegalStateException if the account has a role of that name already (compared case-insensitively)
     */
    void insertRole(RamRole role);

    /**
     * Replaces the stored role of the same name (UpdateRole; a role is never renamed).
     *
     * @throws IllegalStateException if there is no such role
     */
    void updateRole(RamRole role);

    /** Removes the role (the use case first makes sure no policy is attached to it). */
    void deleteRole(AccountId account, String roleName);

    // --- custom policies and their versions ------------------------------------------------------------------

    /** The account's custom policy of this name ({@link PolicyType#Custom}). */
    Optional<RamPolicy> customPolicy(AccountId account, String policyName);

    /** The account's custom policies, ordered by name. */
    List<RamPolicy> customPolicies(AccountId account);

    /**
     * Stores a new custom policy (its versions are added with {@link #insertPolicyVersion}, inside the same
     * {@link #atomically} block).
     *
     * @throws IllegalStateException if the account has a custom policy of that name already
     */
    void insertCustomPolicy(AccountId account, RamPolicy policy);

    /**
     * Replaces the stored custom policy of the same name (its description, default version and update date).
     *
     * @throws IllegalStateException if there is no such policy
     */
    void updateCustomPolicy(AccountId account, RamPolicy policy);

    /** Removes the custom policy and all its versions. */
    void deleteCustomPolicy(AccountId account, String policyName);

    /**
     * The versions of a custom policy, ordered by version number; {@link PolicyVersion#isDefaultVersion()} is true
     * for the policy's {@link RamPolicy#defaultVersion()}. Empty for an unknown policy.
     */
    List<PolicyVersion> policyVersions(AccountId account, String policyName);

    /**
     * Adds a version to a custom policy.
     *
     * @param createDate UTC, seconds
     * @throws IllegalStateException if there is no such policy or it has that version already
     */
    void insertPolicyVersion(AccountId account, String policyName, String versionId, String policyDocument,
                             Instant createDate);

    /** Removes one version of a custom policy; returns whether it existed. */
    boolean deletePolicyVersion(AccountId account, String policyName, String versionId);

    // --- policy attachments --------------------------------------------------------------------------------------

    /**
     * The account's policy attachments, ordered by attach date, then entity type, entity name, policy type, policy
     * name (types by their names, everything in code point order).
     */
    List<PolicyAttachment> attachments(AccountId account);

    /**
     * Attaches a policy to a user, group or role.
     *
     * @throws IllegalStateException if that policy is attached to that entity already
     */
    void insertAttachment(AccountId account, PolicyAttachment attachment);

    /** Detaches a policy; returns whether it was attached. */
    boolean deleteAttachment(AccountId account, PolicyType policyType, String policyName,
                             PolicyAttachment.EntityType entityType, String entityName);

    // --- server secrets ------------------------------------------------------------------------------------------

    /**
     * A secret kept in the store for signing what the server issues (STS SecurityTokens), created with
     * {@code initial} the first time it is asked for under {@code name} and the same afterwards, in every process
     * sharing the store — so several servers accept each other's tokens.
     */
    byte[] serverSecret(String name, Supplier<byte[]> initial);
}
