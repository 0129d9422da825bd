package dev.actiontrail.persistence;

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
import dev.actiontrail.persistence.access.FileAccessKeyStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.mapper.RowMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link IdentityStore} on SQLite (the V3 tables of {@code Schema}): accounts, AccessKeys (with their secrets, in
 * clear: the data folder holding the database file must be readable by its owner only — mode 0700 — as the old
 * {@code access-keys.properties} was 0600; nothing else protects them),
 * RAM users, groups and memberships, roles, custom policies and their versions, policy attachments, server
 * secrets, and the identity generation. Times are stored as epoch seconds UTC. Obtain it from
 * {@link SqliteStore#identities()}.
 *
 * <p><b>Transactions.</b> Every write runs in a write transaction of the {@link SqliteStore} and bumps the one-row
 * {@code identity_generation} counter in the same transaction (when it changed a row). {@link #atomically} runs
 * its block in one write transaction ({@code BEGIN IMMEDIATE}, so two processes on the file serialize): writes
 * inside join it, reads inside run on the write connection and so see them, and an exception rolls everything back
 * — the generation included.
 *
 * <p><b>Generation.</b> {@link #generation()} is one read of a one-row table by its primary key on a pooled read
 * connection; it sees the commits of every process on the file (the CLI beside a running server).
 *
 * <p>Breaking the port's preconditions throws {@link IllegalStateException}, and changes nothing.
 */
public final class SqliteIdentityStore implements IdentityStore {
    /** What the keys file is renamed to once imported. */
    public static final String IMPORTED_SUFFIX = ".imported";

    private static final RowMapper<AccessKey> KEY = (rs, ctx) -> new AccessKey(rs.getString("access_key_id"),
            rs.getString("secret"), AccountId.of(rs.getString("account_id")), rs.getString("user_name"),
            AccessKey.Status.valueOf(rs.getString("status")), seconds(rs, "create_time"));
    private static final RowMapper<RamUser> USER = (rs, ctx) -> new RamUser(AccountId.of(rs.getString("account_id")),
            rs.getString("user_id"), rs.getString("user_name"), rs.getString("display_name"),
            rs.getString("mobile_phone"), rs.getString("email"), rs.getString("comments"),
            seconds(rs, "create_date"), seconds(rs, "update_date"), seconds(rs, "last_login_date"));
    private static final RowMapper<RamGroup> GROUP = (rs, ctx) -> new RamGroup(
            AccountId.of(rs.getString("account_id")), rs.getString("group_id"), rs.getString("group_name"),
            rs.getString("comments"), seconds(rs, "create_date"), seconds(rs, "update_date"));
    private static final RowMapper<GroupMembership> MEMBER = (rs, ctx) -> new GroupMembership(
            rs.getString("group_name"), rs.getString("user_name"), seconds(rs, "join_date"));
    private static final RowMapper<RamRole> ROLE = (rs, ctx) -> new RamRole(AccountId.of(rs.getString("account_id")),
            rs.getString("role_id"), rs.getString("role_name"), rs.getString("description"),
            rs.getString("trust_policy"), rs.getInt("max_session_duration"), seconds(rs, "create_date"),
            seconds(rs, "update_date"));
    private static final RowMapper<RamPolicy> POLICY = (rs, ctx) -> new RamPolicy(PolicyType.Custom,
            rs.getString("policy_name"), rs.getString("description"), rs.getString("default_version"),
            seconds(rs, "create_date"), seconds(rs, "update_date"));
    private static final RowMapper<PolicyAttachment> ATTACHMENT = (rs, ctx) -> new PolicyAttachment(
            PolicyType.valueOf(rs.getString("policy_type")), rs.getString("policy_name"),
            PolicyAttachment.EntityType.valueOf(rs.getString("entity_type")), rs.getString("entity_name"),
            seconds(rs, "attach_date"));

    private final SqliteStore store;

    SqliteIdentityStore(SqliteStore store) {
        this.store = store;
    }

    // --- transactions and generation ---------------------------------------------------------------------------

    @Override
    public long generation() {
        // read on every authenticated call (twice for a RAM user's): plain JDBC, without JDBI's mapping
        return store.read(h -> {
            try (java.sql.PreparedStatement q = h.getConnection()
                    .prepareStatement("SELECT value FROM identity_generation WHERE id = 1");
                 java.sql.ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("identity_generation has no row");
                }
                return rs.getLong(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot read the identity generation", e);
            }
        });
    }

    @Override
    public <T> T atomically(Supplier<T> work) {
        return store.unitOfWork().atomically(work);
    }

    /** Runs a write that returns how many rows it changed; bumps the generation if any. */
    private int mutate(HandleCallback<Integer, RuntimeException> work) {
        return store.write(h -> {
            int changed = work.withHandle(h);
            if (changed > 0) {
                h.execute("UPDATE identity_generation SET value = value + 1 WHERE id = 1");
            }
            return changed;
        });
    }

    // --- accounts ----------------------------------------------------------------------------------------------

    @Override
    public boolean createAccount(AccountId account, Instant createTime) {
        return mutate(h -> h.createUpdate("INSERT INTO account (account_id, create_time) VALUES (:a, :t) "
                        + "ON CONFLICT DO NOTHING")
                .bind("a", account.value()).bind("t", createTime.getEpochSecond()).execute()) > 0;
    }

    @Override
    public boolean accountExists(AccountId account) {
        return store.read(h -> h.createQuery("SELECT count(*) FROM account WHERE account_id = ?")
                .bind(0, account.value()).mapTo(Integer.class).one()) > 0;
    }

    @Override
    public List<AccountId> accounts() {
        return store.read(h -> h.createQuery("SELECT account_id FROM account ORDER BY rowid")
                .map((rs, ctx) -> AccountId.of(rs.getString(1))).list());
    }

    // --- AccessKeys --------------------------------------------------------------------------------------------

    @Override
    public Optional<AccessKey> find(String accessKeyId) {
        return store.read(h -> h.createQuery("SELECT * FROM access_key WHERE access_key_id = ?")
                .bind(0, accessKeyId).map(KEY).findOne());
    }

    @Override
    public List<AccessKey> list() {
        return store.read(h -> h.createQuery("SELECT * FROM access_key ORDER BY create_time, access_key_id")
                .map(KEY).list());
    }

    @Override
    public List<AccessKey> accessKeys(AccountId account, String userName) {
        return store.read(h -> h.createQuery("SELECT * FROM access_key WHERE account_id = ? AND user_name = ? "
                        + "ORDER BY create_time, access_key_id")
                .bind(0, account.value()).bind(1, userName).map(KEY).list());
    }

    /** @throws IllegalStateException if a key of that ID is stored */
    @Override
    public void add(AccessKey key) {
        int added = mutate(h -> h.createUpdate("INSERT INTO access_key (access_key_id, secret, account_id, user_name, "
                        + "status, create_time) VALUES (:id, :secret, :account, :user, :status, :created) "
                        + "ON CONFLICT DO NOTHING")
                .bind("id", key.accessKeyId()).bind("secret", key.accessKeySecret())
                .bind("account", key.accountId().value()).bind("user", key.userName())
                .bind("status", key.status().name()).bind("created", key.createTime().getEpochSecond()).execute());
        if (added == 0) {
            throw new IllegalStateException("AccessKey exists: " + key.accessKeyId());
        }
    }

    /** @throws IllegalStateException if no key of that ID is stored */
    @Override
    public void update(AccessKey key) {
        int updated = mutate(h -> h.createUpdate("UPDATE access_key SET secret = :secret, account_id = :account, "
                        + "user_name = :user, status = :status, create_time = :created WHERE access_key_id = :id")
                .bind("id", key.accessKeyId()).bind("secret", key.accessKeySecret())
                .bind("account", key.accountId().value()).bind("user", key.userName())
                .bind("status", key.status().name()).bind("created", key.createTime().getEpochSecond()).execute());
        if (updated == 0) {
            throw new IllegalStateException("no such AccessKey: " + key.accessKeyId());
        }
    }

    @Override
    public boolean delete(String accessKeyId) {
        return mutate(h -> h.execute("DELETE FROM access_key WHERE access_key_id = ?", accessKeyId)) > 0;
    }

    // --- users -------------------------------------------------------------------------------------------------

    @Override
    public Optional<RamUser> user(AccountId account, String userName) {
        return store.read(h -> h.createQuery("SELECT * FROM ram_user WHERE account_id = ? AND user_name = ?")
                .bind(0, account.value()).bind(1, userName).map(USER).findOne());
    }

    @Override
    public List<RamUser> users(AccountId account) {
        return store.read(h -> h.createQuery("SELECT * FROM ram_user WHERE account_id = ? ORDER BY user_name")
                .bind(0, account.value()).map(USER).list());
    }

    /** @throws IllegalStateException if the name (or the UserId) is taken */
    @Override
    public void insertUser(RamUser user) {
        int added = mutate(h -> h.createUpdate("INSERT INTO ram_user (account_id, user_name, user_id, display_name, "
                        + "mobile_phone, email, comments, create_date, update_date, last_login_date) VALUES (:account, "
                        + ":name, :id, :display, :phone, :email, :comments, :created, :updated, :login) "
                        + "ON CONFLICT DO NOTHING")
                .bindMap(userRow(user)).execute());
        if (added == 0) {
            throw new IllegalStateException("user (or UserId) exists: " + user.accountId() + "/" + user.userName());
        }
    }

    @Override
    public void updateUser(String userName, RamUser user) {
        String account = user.accountId().value();
        String newName = user.userName();
        mutate(h -> {
            requireRow(h, "ram_user", "user_name", account, userName);
            if (!newName.equals(userName)) {
                requireNoRow(h, "ram_user", "user_name", account, newName);
                h.execute("UPDATE access_key SET user_name = ? WHERE account_id = ? AND user_name = ?",
                        newName, account, userName);
                h.execute("UPDATE group_member SET user_name = ? WHERE account_id = ? AND user_name = ?",
                        newName, account, userName);
                renameAttached(h, account, PolicyAttachment.EntityType.User, userName, newName);
            }
            return h.createUpdate("UPDATE ram_user SET user_name = :name, user_id = :id, display_name = :display, "
                            + "mobile_phone = :phone, email = :email, comments = :comments, create_date = :created, "
                            + "update_date = :updated, last_login_date = :login "
                            + "WHERE account_id = :account AND user_name = :old")
                    .bindMap(userRow(user)).bind("old", userName).execute();
        });
    }

    @Override
    public void deleteUser(AccountId account, String userName) {
        mutate(h -> h.execute("DELETE FROM ram_user WHERE account_id = ? AND user_name = ?", account.value(),
                userName));
    }

    private static java.util.Map<String, Object> userRow(RamUser u) {
        java.util.Map<String, Object> row = new java.util.HashMap<>();
        row.put("account", u.accountId().value());
        row.put("name", u.userName());
        row.put("id", u.userId());
        row.put("display", u.displayName());
        row.put("phone", u.mobilePhone());
        row.put("email", u.email());
        row.put("comments", u.comments());
        row.put("created", u.createDate().getEpochSecond());
        row.put("updated", u.updateDate().getEpochSecond());
        row.put("login", u.lastLoginDate() == null ? null : u.lastLoginDate().getEpochSecond());
        return row;
    }

    // --- groups and memberships ----------------------------------------------------------------------------

    @Override
    public Optional<RamGroup> group(AccountId account, String groupName) {
        return store.read(h -> h.createQuery("SELECT * FROM ram_group WHERE account_id = ? AND group_name = ?")
                .bind(0, account.value()).bind(1, groupName).map(GROUP).findOne());
    }

    @Override
    public List<RamGroup> groups(AccountId account) {
        return store.read(h -> h.createQuery("SELECT * FROM ram_group WHERE account_id = ? ORDER BY group_name")
                .bind(0, account.value()).map(GROUP).list());
    }

    /** @throws IllegalStateException if the name (or the GroupId) is taken */
    @Override
    public void insertGroup(RamGroup group) {
        int added = mutate(h -> h.execute("INSERT INTO ram_group (account_id, group_name, group_id, comments, "
                        + "create_date, update_date) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                group.accountId().value(), group.groupName(), group.groupId(), group.comments(),
                group.createDate().getEpochSecond(), group.updateDate().getEpochSecond()));
        if (added == 0) {
            throw new IllegalStateException("group exists: " + group.accountId() + "/" + group.groupName());
        }
    }

    @Override
    public void updateGroup(String groupName, RamGroup group) {
        String account = group.accountId().value();
        String newName = group.groupName();
        mutate(h -> {
            requireRow(h, "ram_group", "group_name", account, groupName);
            if (!newName.equals(groupName)) {
                requireNoRow(h, "ram_group", "group_name", account, newName);
                h.execute("UPDATE group_member SET group_name = ? WHERE account_id = ? AND group_name = ?",
                        newName, account, groupName);
                renameAttached(h, account, PolicyAttachment.EntityType.Group, groupName, newName);
            }
            return h.execute("UPDATE ram_group SET group_name = ?, group_id = ?, comments = ?, create_date = ?, "
                            + "update_date = ? WHERE account_id = ? AND group_name = ?",
                    newName, group.groupId(), group.comments(), group.createDate().getEpochSecond(),
                    group.updateDate().getEpochSecond(), account, groupName);
        });
    }

    @Override
    public void deleteGroup(AccountId account, String groupName) {
        mutate(h -> h.execute("DELETE FROM ram_group WHERE account_id = ? AND group_name = ?", account.value(),
                groupName));
    }

    @Override
    public List<GroupMembership> memberships(AccountId account) {
        return store.read(h -> h.createQuery("SELECT * FROM group_member WHERE account_id = ? "
                        + "ORDER BY join_date, group_name, user_name")
                .bind(0, account.value()).map(MEMBER).list());
    }

    /** @throws IllegalStateException if the user is in the group already */
    @Override
    public void insertMembership(AccountId account, GroupMembership m) {
        int added = mutate(h -> h.execute("INSERT INTO group_member (account_id, group_name, user_name, join_date) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                account.value(), m.groupName(), m.userName(), m.joinDate().getEpochSecond()));
        if (added == 0) {
            throw new IllegalStateException("already a member: " + account + "/" + m);
        }
    }

    @Override
    public boolean deleteMembership(AccountId account, String groupName, String userName) {
        return mutate(h -> h.execute("DELETE FROM group_member WHERE account_id = ? AND group_name = ? "
                + "AND user_name = ?", account.value(), groupName, userName)) > 0;
    }

    // --- roles (role_name is COLLATE NOCASE: found and unique case-insensitively) ------------------------------

    @Override
    public Optional<RamRole> role(AccountId account, String roleName) {
        return store.read(h -> h.createQuery("SELECT * FROM ram_role WHERE account_id = ? AND role_name = ?")
                .bind(0, account.value()).bind(1, roleName).map(ROLE).findOne());
    }

    @Override
    public List<RamRole> roles(AccountId account) {
        return store.read(h -> h.createQuery("SELECT * FROM ram_role WHERE account_id = ? "
                        + "ORDER BY role_name COLLATE BINARY")
                .bind(0, account.value()).map(ROLE).list());
    }

    /** @throws IllegalStateException if the name (in any case) or the RoleId is taken */
    @Override
    public void insertRole(RamRole role) {
        int added = mutate(h -> h.execute("INSERT INTO ram_role (account_id, role_name, role_id, description, "
                        + "trust_policy, max_session_duration, create_date, update_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING",
                role.accountId().value(), role.roleName(), role.roleId(), role.description(),
                role.assumeRolePolicyDocument(), role.maxSessionDuration(), role.createDate().getEpochSecond(),
                role.updateDate().getEpochSecond()));
        if (added == 0) {
            throw new IllegalStateException("role exists: " + role.accountId() + "/" + role.roleName());
        }
    }

    /** @throws IllegalStateException if there is no role of that name */
    @Override
    public void updateRole(RamRole role) {
        int updated = mutate(h -> h.execute("UPDATE ram_role SET role_id = ?, description = ?, trust_policy = ?, "
                        + "max_session_duration = ?, create_date = ?, update_date = ? "
                        + "WHERE account_id = ? AND role_name = ?",
                role.roleId(), role.description(), role.assumeRolePolicyDocument(), role.maxSessionDuration(),
                role.createDate().getEpochSecond(), role.updateDate().getEpochSecond(), role.accountId().value(),
                role.roleName()));
        if (updated == 0) {
            throw new IllegalStateException("no such role: " + role.accountId() + "/" + role.roleName());
        }
    }

    @Override
    public void deleteRole(AccountId account, String roleName) {
        mutate(h -> h.execute("DELETE FROM ram_role WHERE account_id = ? AND role_name = ?", account.value(),
                roleName));
    }

    // --- custom policies ---------------------------------------------------------------------------------------

    @Override
    public Optional<RamPolicy> customPolicy(AccountId account, String policyName) {
        return store.read(h -> h.createQuery("SELECT * FROM custom_policy WHERE account_id = ? AND policy_name = ?")
                .bind(0, account.value()).bind(1, policyName).map(POLICY).findOne());
    }

    @Override
    public List<RamPolicy> customPolicies(AccountId account) {
        return store.read(h -> h.createQuery("SELECT * FROM custom_policy WHERE account_id = ? ORDER BY policy_name")
                .bind(0, account.value()).map(POLICY).list());
    }

    /** @throws IllegalStateException if the account has a custom policy of that name, or {@code policy} is not custom */
    @Override
    public void insertCustomPolicy(AccountId account, RamPolicy policy) {
        requireCustom(policy);
        int added = mutate(h -> h.execute("INSERT INTO custom_policy (account_id, policy_name, description, "
                        + "default_version, create_date, update_date) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                account.value(), policy.policyName(), policy.description(), policy.defaultVersion(),
                policy.createDate().getEpochSecond(), policy.updateDate().getEpochSecond()));
        if (added == 0) {
            throw new IllegalStateException("policy exists: " + account + "/" + policy.policyName());
        }
    }

    /** @throws IllegalStateException if there is no such policy */
    @Override
    public void updateCustomPolicy(AccountId account, RamPolicy policy) {
        requireCustom(policy);
        int updated = mutate(h -> h.execute("UPDATE custom_policy SET description = ?, default_version = ?, "
                        + "create_date = ?, update_date = ? WHERE account_id = ? AND policy_name = ?",
                policy.description(), policy.defaultVersion(), policy.createDate().getEpochSecond(),
                policy.updateDate().getEpochSecond(), account.value(), policy.policyName()));
        if (updated == 0) {
            throw new IllegalStateException("no such policy: " + account + "/" + policy.policyName());
        }
    }

    @Override
    public void deleteCustomPolicy(AccountId account, String policyName) {
        mutate(h -> h.execute("DELETE FROM policy_version WHERE account_id = ? AND policy_name = ?",
                account.value(), policyName)
                + h.execute("DELETE FROM custom_policy WHERE account_id = ? AND policy_name = ?", account.value(),
                policyName));
    }

    @Override
    public List<PolicyVersion> policyVersions(AccountId account, String policyName) {
        return store.read(h -> h.createQuery("SELECT v.version_number, v.document, v.create_date, p.default_version "
                        + "FROM policy_version v JOIN custom_policy p "
                        + "ON p.account_id = v.account_id AND p.policy_name = v.policy_name "
                        + "WHERE v.account_id = ? AND v.policy_name = ? ORDER BY v.version_number")
                .bind(0, account.value()).bind(1, policyName)
                .map((rs, ctx) -> {
                    String id = "v" + rs.getInt("version_number");
                    return new PolicyVersion(id, id.equals(rs.getString("default_version")), rs.getString("document"),
                            seconds(rs, "create_date"));
                }).list());
    }

    /** @throws IllegalStateException if there is no such policy, the ID is not {@code v<n>}, or the version exists */
    @Override
    public void insertPolicyVersion(AccountId account, String policyName, String versionId, String policyDocument,
                                    Instant createDate) {
        int number = PolicyVersion.number(versionId);
        if (number < 0) {
            throw new IllegalStateException("not a version ID: " + versionId);
        }
        Objects.requireNonNull(policyDocument, "policyDocument");
        mutate(h -> {
            requireRow(h, "custom_policy", "policy_name", account.value(), policyName);
            int added = h.execute("INSERT INTO policy_version (account_id, policy_name, version_number, document, "
                            + "create_date) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    account.value(), policyName, number, policyDocument, createDate.getEpochSecond());
            if (added == 0) {
                throw new IllegalStateException("version exists: " + account + "/" + policyName + "/" + versionId);
            }
            return added;
        });
    }

    @Override
    public boolean deletePolicyVersion(AccountId account, String policyName, String versionId) {
        return mutate(h -> h.execute("DELETE FROM policy_version WHERE account_id = ? AND policy_name = ? "
                + "AND version_number = ?", account.value(), policyName, PolicyVersion.number(versionId))) > 0;
    }

    private static void requireCustom(RamPolicy policy) {
        if (policy.policyType() != PolicyType.Custom) {
            throw new IllegalStateException("only custom policies are stored: " + policy.policyName());
        }
    }

    // --- attachments -------------------------------------------------------------------------------------------

    @Override
    public List<PolicyAttachment> attachments(AccountId account) {
        return store.read(h -> h.createQuery("SELECT * FROM policy_attachment WHERE account_id = ? "
                        + "ORDER BY attach_date, entity_type, entity_name, policy_type, policy_name")
                .bind(0, account.value()).map(ATTACHMENT).list());
    }

    /** @throws IllegalStateException if that policy is attached to that entity already */
    @Override
    public void insertAttachment(AccountId account, PolicyAttachment a) {
        int added = mutate(h -> h.execute("INSERT INTO policy_attachment (account_id, entity_type, entity_name, "
                        + "policy_type, policy_name, attach_date) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                account.value(), a.entityType().name(), a.entityName(), a.policyType().name(), a.policyName(),
                a.attachDate().getEpochSecond()));
        if (added == 0) {
            throw new IllegalStateException("already attached: " + account + "/" + a);
        }
    }

    @Override
    public boolean deleteAttachment(AccountId account, PolicyType policyType, String policyName,
                                    PolicyAttachment.EntityType entityType, String entityName) {
        return mutate(h -> h.execute("DELETE FROM policy_attachment WHERE account_id = ? AND entity_type = ? "
                        + "AND entity_name = ? AND policy_type = ? AND policy_name = ?",
                account.value(), entityType.name(), entityName, policyType.name(), policyName)) > 0;
    }

    private static void renameAttached(Handle h, String account, PolicyAttachment.EntityType type, String from,
                                       String to) {
        h.execute("UPDATE policy_attachment SET entity_name = ? WHERE account_id = ? AND entity_type = ? "
                + "AND entity_name = ?", to, account, type.name(), from);
    }

    // --- what authorization reads ----------------------------------------------------------------------------

    /**
     * One statement (so one consistent snapshot): the attachments on the user and on its groups, or on the
     * session's role, each custom one with its default version's document; ordered by entity type, attach date,
     * entity name, policy name.
     */
    @Override
    public List<AttachedPolicy> policiesFor(Principal principal) {
        String account = principal.accountId().value();
        String where;
        String name;
        if (principal instanceof Principal.User user) {
            where = "(a.entity_type = 'User' AND a.entity_name = :name) OR (a.entity_type = 'Group' AND a.entity_name "
                    + "IN (SELECT group_name FROM group_member WHERE account_id = :account AND user_name = :name))";
            name = user.userName();
        } else if (principal instanceof Principal.RoleSession session) {
            // by the role's ID: a session of a deleted role gets nothing from a new role of the same name
            where = "a.entity_type = 'Role' AND a.entity_name = "
                    + "(SELECT role_name FROM ram_role WHERE account_id = :account AND role_id = :name)";
            name = session.roleId();
        } else {
            return List.of();
        }
        String sql = "SELECT a.policy_type, a.policy_name, a.entity_type, v.document FROM policy_attachment a "
                + "LEFT JOIN custom_policy p ON a.policy_type = 'Custom' AND p.account_id = a.account_id "
                + "AND p.policy_name = a.policy_name "
                + "LEFT JOIN policy_version v ON v.account_id = p.account_id AND v.policy_name = p.policy_name "
                + "AND 'v' || v.version_number = p.default_version "
                + "WHERE a.account_id = :account AND (" + where + ") AND (a.policy_type = 'System' OR v.document IS NOT NULL) "
                + "ORDER BY a.entity_type DESC, a.attach_date, a.entity_name, a.policy_name";
        return store.read(h -> h.createQuery(sql).bind("account", account).bind("name", name)
                .map((rs, ctx) -> new AttachedPolicy(PolicyType.valueOf(rs.getString("policy_type")),
                        rs.getString("policy_name"),
                        PolicyAttachment.EntityType.valueOf(rs.getString("entity_type")).attachedEntityType(),
                        rs.getString("document")))
                .list());
    }

    // --- server secrets ----------------------------------------------------------------------------------------

    @Override
    public byte[] serverSecret(String name, Supplier<byte[]> initial) {
        Optional<byte[]> stored = store.read(h -> readSecret(h, name));
        if (stored.isPresent()) {
            return stored.get();
        }
        return store.write(h -> {
            Optional<byte[]> raced = readSecret(h, name); // another process may have created it meanwhile
            if (raced.isPresent()) {
                return raced.get();
            }
            byte[] secret = initial.get().clone();
            h.execute("INSERT INTO server_secret (name, value) VALUES (?, ?)", name, secret);
            h.execute("UPDATE identity_generation SET value = value + 1 WHERE id = 1");
            return secret;
        });
    }

    private static Optional<byte[]> readSecret(Handle h, String name) {
        return h.createQuery("SELECT value FROM server_secret WHERE name = ?").bind(0, name)
                .map((rs, ctx) -> rs.getBytes(1)).findOne();
    }

    // --- the old keys file -------------------------------------------------------------------------------------

    /**
     * Moves the AccessKeys of a data folder's old {@code access-keys.properties} ({@link FileAccessKeyStore}) into
     * {@code into}, once: every key with its ID, secret, account, user, status and creation time, and each key's
     * account (created at its oldest key's time, if absent), in one transaction; then the file is renamed to
     * {@code access-keys.properties.imported} (kept, owner-only as it was, so nothing is lost). A key whose ID is
     * stored already is left as stored (an import interrupted after its commit, before the rename, is thus safely
     * repeated). Does nothing when there is no such file.
     *
     * @return how many keys were added
     * @throws UncheckedIOException if the file cannot be read or renamed (the keys are then imported, the rename is
     *                              retried at the next start)
     */
    public static int importKeysFile(Path dataDir, IdentityStore into) {
        Path file = dataDir.resolve(FileAccessKeyStore.FILE);
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        List<AccessKey> keys = new FileAccessKeyStore(dataDir).list();
        int added = into.atomically(() -> {
            int n = 0;
            for (AccessKey key : keys.stream().sorted(Comparator.comparing(AccessKey::createTime)).toList()) {
                into.createAccount(key.accountId(), key.createTime());
                if (into.find(key.accessKeyId()).isEmpty()) {
                    into.add(key);
                    n++;
                }
            }
            return n;
        });
        try {
            Files.move(file, file.resolveSibling(FileAccessKeyStore.FILE + IMPORTED_SUFFIX),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("imported the keys of " + file + " but cannot rename it", e);
        }
        return added;
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private static void requireRow(Handle h, String table, String nameColumn, String account, String name) {
        if (!hasRow(h, table, nameColumn, account, name)) {
            throw new IllegalStateException("no such row in " + table + ": " + account + "/" + name);
        }
    }

    private static void requireNoRow(Handle h, String table, String nameColumn, String account, String name) {
        if (hasRow(h, table, nameColumn, account, name)) {
            throw new IllegalStateException("name taken in " + table + ": " + account + "/" + name);
        }
    }

    private static boolean hasRow(Handle h, String table, String nameColumn, String account, String name) {
        return h.createQuery("SELECT count(*) FROM " + table + " WHERE account_id = ? AND " + nameColumn + " = ?")
                .bind(0, account).bind(1, name).mapTo(Integer.class).one() > 0;
    }

    private static Instant seconds(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochSecond(v);
    }
}
