package dev.actiontrail.core.identity;

import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.identity.PolicyAttachment.EntityType;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Policies attached to RAM users, groups and roles (RAM 2015-05-01 AttachPolicyToUser / Group / Role,
 * DetachPolicyFromUser / Group / Role, ListPoliciesForUser / Group / Role, ListEntitiesForPolicy; access-control
 * reference §3). Each call runs in one {@link IdentityStore#atomically} block and checks everything before it writes.
 *
 * <p>Checks, in order: PolicyType ({@code MissingPolicyType}, {@code InvalidParameter.PolicyType}), PolicyName, the
 * entity's name (UserName / GroupName / RoleName: missing, length, characters) — all 400; the entity exists
 * ({@code EntityNotExist.User} / {@code .Group} / {@code .Role}), the policy exists ({@code EntityNotExist.Policy})
 * — 404; then per entity type:
 * <table>
 *   <caption>attachment errors</caption>
 *   <tr><th>entity</th><th>re-attach (409)</th><th>detach of a policy not attached (404)</th><th>limit (409)</th></tr>
 *   <tr><td>User</td><td>EntityAlreadyExists.User.Policy</td><td>EntityNotExist.User.Policy</td>
 *       <td>LimitExceeded.User.Policy</td></tr>
 *   <tr><td>Group</td><td>EntityAlreadyExists.Group.Policy</td><td>EntityNotExist.Group.Policy</td>
 *       <td>LimitExceeded.Group.Policy</td></tr>
 *   <tr><td>Role</td><td>EntityAlreadyExists.Role.Policy</td><td>EntityNotExist.Role.Policy</td>
 *       <td>LimitExceeded.Role.Policy</td></tr>
 * </table>
 * The limits count system and custom policies separately ({@link RamLimits#systemPoliciesPerEntity()},
 * {@link RamLimits#customPoliciesPerEntity()}).
 */
public final class RamAttachments {
    private final IdentityStore store;
    private final RamLimits limits;
    private final Clock clock;
    private final PolicyCatalog catalog;

    public RamAttachments(IdentityStore store, RamLimits limits, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.limits = Objects.requireNonNull(limits);
        this.clock = Objects.requireNonNull(clock);
        this.catalog = new PolicyCatalog(store);
    }

    /** Something attached since {@code attachDate} (UTC, seconds): a policy, or a user, group or role. */
    public record Attached<T>(T entity, Instant attachDate) {
    }

    /** ListEntitiesForPolicy: who a policy is attached to, each in attach order. */
    public record PolicyEntities(List<Attached<RamUser>> users, List<Attached<RamGroup>> groups,
                                 List<Attached<RamRole>> roles) {
    }

    /** The wire name of an entity type's name parameter and its errors. */
    private record Rules(String parameter, RamError alreadyAttached, RamError notAttached, RamError limitExceeded) {
        static Rules of(EntityType type) {
            return switch (type) {
                case User -> new Rules("UserName", RamError.ENTITY_ALREADY_EXISTS_USER_POLICY,
                        RamError.ENTITY_NOT_EXIST_USER_POLICY, RamError.LIMIT_EXCEEDED_USER_POLICY);
                case Group -> new Rules("GroupName", RamError.ENTITY_ALREADY_EXISTS_GROUP_POLICY,
                        RamError.ENTITY_NOT_EXIST_GROUP_POLICY, RamError.LIMIT_EXCEEDED_GROUP_POLICY);
                case Role -> new Rules("RoleName", RamError.ENTITY_ALREADY_EXISTS_ROLE_POLICY,
                        RamError.ENTITY_NOT_EXIST_ROLE_POLICY, RamError.LIMIT_EXCEEDED_ROLE_POLICY);
            };
        }
    }

    /**
     * AttachPolicyToUser / AttachPolicyToGroup / AttachPolicyToRole.
     *
     * @param entityName the UserName, GroupName or RoleName as sent
     * @throws dev.actiontrail.core.error.ApiException see the class description
     */
    public void attach(Caller caller, EntityType type, String entityName, String policyType, String policyName) {
        PolicyType ptype = RamInput.policyType(policyType);
        String pname = RamInput.policyName("PolicyName", policyName);
        String ename = checkedName(type, entityName);
        Rules rules = Rules.of(type);
        AccountId account = caller.accountId();
        store.atomically(() -> {
            String entity = existing(account, type, ename);
            RamPolicy policy = catalog.require(account, ptype, pname);
            List<PolicyAttachment> onEntity = store.attachments(account).stream()
                    .filter(a -> a.isOn(type, entity)).toList();
            if (onEntity.stream().anyMatch(a -> a.isOf(ptype, policy.policyName()))) {
                throw rules.alreadyAttached().exception();
            }
            long sameType = onEntity.stream().filter(a -> a.policyType() == ptype).count();
            int limit = ptype == PolicyType.System ? limits.systemPoliciesPerEntity() : limits.customPoliciesPerEntity();
            if (sameType >= limit) {
                throw rules.limitExceeded().exception();
            }
            store.insertAttachment(account, new PolicyAttachment(ptype, policy.policyName(), type, entity,
                    RamEntities.now(clock)));
            return null;
        });
    }

    /**
     * DetachPolicyFromUser / DetachPolicyFromGroup / DetachPolicyFromRole.
     *
     * @throws dev.actiontrail.core.error.ApiException see the class description
     */
    public void detach(Caller caller, EntityType type, String entityName, String policyType, String policyName) {
        PolicyType ptype = RamInput.policyType(policyType);
        String pname = RamInput.policyName("PolicyName", policyName);
        String ename = checkedName(type, entityName);
        Rules rules = Rules.of(type);
        AccountId account = caller.accountId();
        store.atomically(() -> {
            String entity = existing(account, type, ename);
            RamPolicy policy = catalog.require(account, ptype, pname);
            if (!store.deleteAttachment(account, ptype, policy.policyName(), type, entity)) {
                throw rules.notAttached().exception();
            }
            return null;
        });
    }

    /**
     * ListPoliciesForUser / ListPoliciesForGroup / ListPoliciesForRole: the entity's policies in attach order.
     *
     * @throws dev.actiontrail.core.error.ApiException the entity name's errors (400); {@code EntityNotExist.User} /
     *         {@code .Group} / {@code .Role} (404)
     */
    public List<Attached<RamPolicy>> policiesFor(Caller caller, EntityType type, String entityName) {
        String ename = checkedName(type, entityName);
        AccountId account = caller.accountId();
        return store.atomically(() -> {
            String entity = existing(account, type, ename);
            List<Attached<RamPolicy>> out = new ArrayList<>();
            for (PolicyAttachment a : store.attachments(account)) {
                if (a.isOn(type, entity)) {
                    out.add(new Attached<>(catalog.require(account, a.policyType(), a.policyName()),
                            a.attachDate()));
                }
            }
            return out;
        });
    }

    /**
     * ListEntitiesForPolicy.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code MissingPolicyType}, {@code InvalidParameter.PolicyType},
     *         PolicyName errors (400); {@code EntityNotExist.Policy} (404)
     */
    public PolicyEntities entitiesFor(Caller caller, String policyType, String policyName) {
        PolicyType ptype = RamInput.policyType(policyType);
        String pname = RamInput.policyName("PolicyName", policyName);
        AccountId account = caller.accountId();
        return store.atomically(() -> {
            RamPolicy policy = catalog.require(account, ptype, pname);
            List<Attached<RamUser>> users = new ArrayList<>();
            List<Attached<RamGroup>> groups = new ArrayList<>();
            List<Attached<RamRole>> roles = new ArrayList<>();
            for (PolicyAttachment a : store.attachments(account)) {
                if (!a.isOf(ptype, policy.policyName())) {
                    continue;
                }
                switch (a.entityType()) {
                    case User -> users.add(new Attached<>(RamEntities.user(store, account, a.entityName()),
                            a.attachDate()));
                    case Group -> groups.add(new Attached<>(RamEntities.group(store, account, a.entityName()),
                            a.attachDate()));
                    case Role -> roles.add(new Attached<>(RamEntities.role(store, account, a.entityName()),
                            a.attachDate()));
                }
            }
            return new PolicyEntities(users, groups, roles);
        });
    }

    private static String checkedName(EntityType type, String name) {
        String parameter = Rules.of(type).parameter();
        return switch (type) {
            case User -> RamInput.userName(parameter, name);
            case Group -> RamInput.groupName(parameter, name);
            case Role -> RamInput.roleName(parameter, name);
        };
    }

    /** The entity's name as stored (a role's name compares case-insensitively); its EntityNotExist error if absent. */
    private String existing(AccountId account, EntityType type, String name) {
        return switch (type) {
            case User -> RamEntities.user(store, account, name).userName();
            case Group -> RamEntities.group(store, account, name).groupName();
            case Role -> RamEntities.role(store, account, name).roleName();
        };
    }
}
