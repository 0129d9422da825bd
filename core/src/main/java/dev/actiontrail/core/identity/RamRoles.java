package dev.actiontrail.core.identity;

import dev.actiontrail.core.account.AccountId;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * RAM roles of the caller's account (RAM 2015-05-01 CreateRole, GetRole, ListRoles, UpdateRole, DeleteRole;
 * access-control reference §1.1, §3). Each call runs in one {@link IdentityStore#atomically} block and checks
 * everything before it writes. Role names compare case-insensitively (as {@link IdentityStore#role} does); RoleIds
 * are 19 digits; the Arn is {@link RamRole#arn()}.
 *
 * <p>A trust policy ({@code AssumeRolePolicyDocument}) is 1–6,144 characters
 * ({@code InvalidParameter.AssumeRolePolicyDocument.Length}) of strict JSON that is a valid trust policy — every
 * statement names a {@code Principal} ({@code MalformedPolicyDocument} with the precise finding otherwise).
 * {@code MaxSessionDuration} is 3600–43200 seconds, default 3600 ({@code InvalidParameter.MaxSessionDuration}).
 */
public final class RamRoles {
    /** Shortest and longest MaxSessionDuration, and its default, in seconds. */
    public static final int MIN_SESSION = 3_600;
    public static final int MAX_SESSION = 43_200;

    private final IdentityStore store;
    private final RamLimits limits;
    private final Clock clock;

    public RamRoles(IdentityStore store, RamLimits limits, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.limits = Objects.requireNonNull(limits);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * CreateRole.
     *
     * @param maxSessionDuration seconds as sent, or null for 3600
     * @throws dev.actiontrail.core.error.ApiException {@code MissingRoleName}, {@code InvalidParameter.RoleName.*},
     *         {@code MissingAssumeRolePolicyDocument}, {@code InvalidParameter.AssumeRolePolicyDocument.Length},
     *         {@code InvalidParameter.Description.Length}, {@code InvalidParameter.MaxSessionDuration},
     *         {@code MalformedPolicyDocument} (400); {@code EntityAlreadyExists.Role}, {@code LimitExceeded.Role}
     *         (409)
     */
    public RamRole create(Caller caller, String roleName, String assumeRolePolicyDocument, String description,
                          String maxSessionDuration) {
        String name = RamInput.roleName("RoleName", roleName);
        String document = RamInput.policyDocument("AssumeRolePolicyDocument", assumeRolePolicyDocument);
        String text = RamInput.text("Description", description, 1024);
        int session = RamInput.integer("MaxSessionDuration", maxSessionDuration, MIN_SESSION, MAX_SESSION,
                MIN_SESSION);
        PolicyCatalog.checkTrustPolicy(document);
        AccountId account = caller.accountId();
        return store.atomically(() -> {
            if (store.role(account, name).isPresent()) {
                throw RamError.ENTITY_ALREADY_EXISTS_ROLE.exception();
            }
            if (store.roles(account).size() >= limits.roles()) {
                throw RamError.LIMIT_EXCEEDED_ROLE.exception();
            }
            Instant now = RamEntities.now(clock);
            RamRole role = new RamRole(account, RamIds.roleId(), name, text == null ? "" : text, document, session,
                    now, now);
            store.insertRole(role);
            return role;
        });
    }

    /**
     * GetRole.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code MissingRoleName}, {@code InvalidParameter.RoleName.*}
     *         (400); {@code EntityNotExist.Role} (404)
     */
    public RamRole get(Caller caller, String roleName) {
        String name = RamInput.roleName("RoleName", roleName);
        return store.atomically(() -> RamEntities.role(store, caller.accountId(), name));
    }

    /**
     * ListRoles: ordered by name, a page at a time.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code InvalidParameter.Marker}, {@code InvalidParameter.MaxItems}
     */
    public RamPage<RamRole> list(Caller caller, String marker, String maxItems) {
        return store.atomically(() -> RamPage.of(store.roles(caller.accountId()), RamRole::roleName, marker,
                maxItems));
    }

    /**
     * UpdateRole: replaces the parameters sent (trust policy, MaxSessionDuration, Description); UpdateDate becomes
     * now.
     *
     * @throws dev.actiontrail.core.error.ApiException RoleName errors, {@code InvalidParameter.NewAssumeRolePolicyDocument.Length},
     *         {@code InvalidParameter.NewMaxSessionDuration}, {@code InvalidParameter.NewDescription.Length},
     *         {@code MalformedPolicyDocument} (400); {@code EntityNotExist.Role} (404)
     */
    public RamRole update(Caller caller, String roleName, String newAssumeRolePolicyDocument,
                         String newMaxSessionDuration, String newDescription) {
        String name = RamInput.roleName("RoleName", roleName);
        String document = RamInput.optional(newAssumeRolePolicyDocument) == null ? null
                : RamInput.policyDocument("NewAssumeRolePolicyDocument", newAssumeRolePolicyDocument);
        Integer session = RamInput.optional(newMaxSessionDuration) == null ? null
                : RamInput.integer("NewMaxSessionDuration", newMaxSessionDuration, MIN_SESSION, MAX_SESSION, 0);
        String text = RamInput.text("NewDescription", newDescription, 1024);
        if (document != null) {
            PolicyCatalog.checkTrustPolicy(document);
        }
        AccountId account = caller.accountId();
        return store.atomically(() -> {
            RamRole old = RamEntities.role(store, account, name);
            RamRole updated = new RamRole(account, old.roleId(), old.roleName(),
                    text == null ? old.description() : text,
                    document == null ? old.assumeRolePolicyDocument() : document,
                    session == null ? old.maxSessionDuration() : session,
                    old.createDate(), RamEntities.now(clock));
            store.updateRole(updated);
            return updated;
        });
    }

    /**
     * DeleteRole: only a role without attached policies.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code MissingRoleName}, {@code InvalidParameter.RoleName.*}
     *         (400); {@code EntityNotExist.Role} (404); {@code DeleteConflict.Role.Policy} (409)
     */
    public void delete(Caller caller, String roleName) {
        String name = RamInput.roleName("RoleName", roleName);
        AccountId account = caller.accountId();
        store.atomically(() -> {
            RamRole role = RamEntities.role(store, account, name);
            if (store.attachments(account).stream()
                    .anyMatch(a -> a.isOn(PolicyAttachment.EntityType.Role, role.roleName()))) {
                throw RamError.DELETE_CONFLICT_ROLE_POLICY.exception();
            }
            store.deleteRole(account, role.roleName());
            return null;
        });
    }
}
