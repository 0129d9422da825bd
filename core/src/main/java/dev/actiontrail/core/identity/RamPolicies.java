package dev.actiontrail.core.identity;

import dev.actiontrail.core.access.PolicyParser;
import dev.actiontrail.core.account.AccountId;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * RAM policies and their versions (RAM 2015-05-01 CreatePolicy, GetPolicy, ListPolicies, DeletePolicy,
 * CreatePolicyVersion, GetPolicyVersion, ListPolicyVersions, SetDefaultPolicyVersion, DeletePolicyVersion;
 * access-control reference §1.1, §3). Each call runs in one {@link IdentityStore#atomically} block and checks
 * everything before it writes.
 *
 * <p>System policies ({@link dev.actiontrail.core.access.SystemPolicies}) are read like custom ones (GetPolicy,
 * ListPolicies, GetPolicyVersion, ListPolicyVersions with {@code PolicyType=System}) but never changed: CreatePolicy
 * with a system policy's name answers {@code EntityAlreadyExists.Policy}; the changing actions take no PolicyType and
 * act on the account's custom policies only, so for a system policy's name they answer {@code EntityNotExist.Policy}
 * [I].
 *
 * <p>Documents are checked with the {@link PolicyParser} ({@code MalformedPolicyDocument}, 400, with its message)
 * after their length (1–6,144 characters, {@code InvalidParameter.PolicyDocument.Length}). Version IDs are
 * {@code v1}, {@code v2}, …: a new version gets the highest number so far plus one.
 */
public final class RamPolicies {
    private final IdentityStore store;
    private final PolicyParser parser;
    private final RamLimits limits;
    private final Clock clock;
    private final PolicyCatalog catalog;

    public RamPolicies(IdentityStore store, PolicyParser parser, RamLimits limits, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.parser = Objects.requireNonNull(parser);
        this.limits = Objects.requireNonNull(limits);
        this.clock = Objects.requireNonNull(clock);
        this.catalog = new PolicyCatalog(store);
    }

    /** CreatePolicyVersion's RotateStrategy. */
    public enum RotateStrategy {
        /** At the version limit, refuse ({@code LimitExceeded.Policy.Version}). */
        None,
        /** At the version limit, first delete the oldest version that is not the default. */
        DeleteOldestNonDefaultVersionWhenLimitExceeded
    }

    /** GetPolicy: the policy, how many entities it is attached to, and its default version with the document. */
    public record PolicyDetails(RamPolicy policy, int attachmentCount, PolicyVersion defaultVersion) {
    }

    /** A ListPolicies item: the policy and how many entities it is attached to. */
    public record ListedPolicy(RamPolicy policy, int attachmentCount) {
    }

    /**
     * CreatePolicy: a custom policy with version {@code v1} as its default.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code MissingPolicyName}, {@code InvalidParameter.PolicyName.*},
     *         {@code MissingPolicyDocument}, {@code InvalidParameter.PolicyDocument.Length},
     *         {@code InvalidParameter.Description.Length}, {@code MalformedPolicyDocument} (400);
     *         {@code EntityAlreadyExists.Policy} (also for a system policy's name), {@code LimitExceeded.Policy} (409)
     */
    public RamPolicy create(Caller caller, String policyName, String policyDocument, String description) {
        String name = RamInput.policyName("PolicyName", policyName);
        String document = RamInput.policyDocument("PolicyDocument", policyDocument);
        String text = RamInput.text("Description", description, 1024);
        PolicyCatalog.checkIdentityPolicy(parser, document);
        AccountId account = caller.accountId();
        return store.atomically(() -> {
            if (catalog.find(account, PolicyType.System, name).isPresent()
                    || catalog.find(account, PolicyType.Custom, name).isPresent()) {
                throw RamError.ENTITY_ALREADY_EXISTS_POLICY.exception();
            }
            if (store.customPolicies(account).size() >= limits.customPolicies()) {
                throw RamError.LIMIT_EXCEEDED_POLICY.exception();
            }
            Instant now = RamEntities.now(clock);
            RamPolicy policy = new RamPolicy(PolicyType.Custom, name, text == null ? "" : text, "v1", now, now);
            store.insertCustomPolicy(account, policy);
            store.insertPolicyVersion(account, name, "v1", document, now);
            return policy;
        });
    }

    /**
     * GetPolicy.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code MissingPolicyType}, {@code InvalidParameter.PolicyType},
     *         {@code MissingPolicyName}, {@code InvalidParameter.PolicyName.*} (400); {@code EntityNotExist.Policy}
     *         (404)
     */
    public PolicyDetails get(Caller caller, String policyType, String policyName) {
        PolicyType type = RamInput.policyType(policyType);
        String name = RamInput.policyName("PolicyName", policyName);
        AccountId account = caller.accountId();
        return store.atomically(() -> {
            RamPolicy policy = catalog.require(account, type, name);
            return new PolicyDetails(policy, PolicyCatalog.attachmentCount(store.attachments(account), policy),
                    catalog.defaultVersion(account, policy));
        });
    }

    /**
     * ListPolicies: system and custom policies (or one type), ordered by type (Custom first) then name, a page at a
     * time.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code InvalidParameter.PolicyType},
     *         {@code InvalidParameter.Marker}, {@code InvalidParameter.MaxItems} (400)
     */
    public RamPage<ListedPolicy> list(Caller caller, String policyType, String marker, String maxItems) {
        PolicyType type = RamInput.optionalPolicyType(policyType);
        AccountId account = caller.accountId();
        return store.atomically(() -> {
            List<PolicyAttachment> attachments = store.attachments(account);
            List<ListedPolicy> all = catalog.all(account, type).stream()
                    .map(p -> new ListedPolicy(p, PolicyCatalog.attachmentCount(attachments, p))).toList();
            return RamPage.of(all, l -> l.policy().policyType() + ":" + l.policy().policyName(), marker, maxItems);
        });
    }

    /**
     * DeletePolicy: a custom policy attached to nothing, with all its versions.
     *
     * @param cascadingDelete {@code true}: also delete the versions that are not the default; otherwise there must
     *                        be none
     * @throws dev.actiontrail.core.error.ApiException {@code MissingPolicyName}, {@code InvalidParameter.PolicyName.*},
     *         {@code InvalidParameter.CascadingDelete} (400); {@code EntityNotExist.Policy} (404);
     *         {@code DeleteConflict.Policy.User}, {@code .Policy.Group}, {@code .Policy.Role},
     *         {@code .Policy.Version} (409, in that order)
     */
    public void delete(Caller caller, String policyName, String cascadingDelete) {
        String name = RamInput.policyName("PolicyName", policyName);
        boolean cascade = RamInput.bool("CascadingDelete", cascadingDelete, false);
        AccountId account = caller.accountId();
        store.atomically(() -> {
            RamPolicy policy = catalog.requireCustom(account, name);
            List<PolicyAttachment> attached = store.attachments(account).stream()
                    .filter(a -> a.isOf(PolicyType.Custom, name)).toList();
            if (attached.stream().anyMatch(a -> a.entityType() == PolicyAttachment.EntityType.User)) {
                throw RamError.DELETE_CONFLICT_POLICY_USER.exception();
            }
            if (attached.stream().anyMatch(a -> a.entityType() == PolicyAttachment.EntityType.Group)) {
                throw RamError.DELETE_CONFLICT_POLICY_GROUP.exception();
            }
            if (!attached.isEmpty()) {
                throw RamError.DELETE_CONFLICT_POLICY_ROLE.exception();
            }
            if (!cascade && store.policyVersions(account, name).stream().anyMatch(v -> !v.isDefaultVersion())) {
                throw RamError.DELETE_CONFLICT_POLICY_VERSION.exception();
            }
            store.deleteCustomPolicy(account, policy.policyName());
            return null;
        });
    }

    /**
     * CreatePolicyVersion: a new version of a custom policy, made the default if {@code setAsDefault}.
     *
     * @param setAsDefault   {@code true} / {@code false} (default false)
     * @param rotateStrategy a {@link RotateStrategy} name (default {@code None})
     * @throws dev.actiontrail.core.error.ApiException {@code MissingPolicyName}, {@code InvalidParameter.PolicyName.*},
     *         {@code MissingPolicyDocument}, {@code InvalidParameter.PolicyDocument.Length},
     *         {@code InvalidParameter.SetAsDefault}, {@code InvalidParameter.RotateStrategy},
     *         {@code MalformedPolicyDocument} (400); {@code EntityNotExist.Policy} (404);
     *         {@code LimitExceeded.Policy.Version} at {@link RamLimits#versionsPerPolicy()} without rotation (409)
     */
    public PolicyVersion createVersion(Caller caller, String policyName, String policyDocument, String setAsDefault,
                                       String rotateStrategy) {
        String name = RamInput.policyName("PolicyName", policyName);
        String document = RamInput.policyDocument("PolicyDocument", policyDocument);
        boolean makeDefault = RamInput.bool("SetAsDefault", setAsDefault, false);
        RotateStrategy rotate = RamInput.optional(rotateStrategy) == null ? RotateStrategy.None
                : RamInput.choice("RotateStrategy", rotateStrategy, RotateStrategy.class);
        PolicyCatalog.checkIdentityPolicy(parser, document);
        AccountId account = caller.accountId();
        return store.atomically(() -> {
            RamPolicy policy = catalog.requireCustom(account, name);
            List<PolicyVersion> versions = store.policyVersions(account, name);
            int next = versions.stream().mapToInt(PolicyVersion::number).max().orElse(0) + 1;
            if (versions.size() >= limits.versionsPerPolicy()) {
                PolicyVersion oldest = versions.stream().filter(v -> !v.isDefaultVersion())
                        .min(Comparator.comparingInt(PolicyVersion::number)).orElse(null);
                if (rotate == RotateStrategy.None || oldest == null) {
                    throw RamError.LIMIT_EXCEEDED_POLICY_VERSION.exception();
                }
                store.deletePolicyVersion(account, name, oldest.versionId());
            }
            Instant now = RamEntities.now(clock);
            String versionId = "v" + next;
            store.insertPolicyVersion(account, name, versionId, document, now);
            store.updateCustomPolicy(account, new RamPolicy(PolicyType.Custom, name, policy.description(),
                    makeDefault ? versionId : policy.defaultVersion(), policy.createDate(), now));
            return new PolicyVersion(versionId, makeDefault, document, now);
        });
    }

    /**
     * GetPolicyVersion.
     *
     * @throws dev.actiontrail.core.error.ApiException PolicyType and PolicyName errors as {@link #get},
     *         {@code MissingVersionId}, {@code InvalidParameter.VersionId.Format} (400); {@code EntityNotExist.Policy},
     *         {@code EntityNotExist.Policy.Version} (404)
     */
    public PolicyVersion getVersion(Caller caller, String policyType, String policyName, String versionId) {
        PolicyType type = RamInput.policyType(policyType);
        String name = RamInput.policyName("PolicyName", policyName);
        String id = RamInput.versionId(versionId);
        AccountId account = caller.accountId();
        return store.atomically(() -> version(account, catalog.require(account, type, name), id));
    }

    /**
     * ListPolicyVersions: by version number.
     *
     * @throws dev.actiontrail.core.error.ApiException PolicyType and PolicyName errors as {@link #get} (400);
     *         {@code EntityNotExist.Policy} (404)
     */
    public List<PolicyVersion> listVersions(Caller caller, String policyType, String policyName) {
        PolicyType type = RamInput.policyType(policyType);
        String name = RamInput.policyName("PolicyName", policyName);
        AccountId account = caller.accountId();
        return store.atomically(() -> catalog.versions(account, catalog.require(account, type, name)));
    }

    /**
     * SetDefaultPolicyVersion.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code MissingPolicyName}, {@code InvalidParameter.PolicyName.*},
     *         {@code MissingVersionId}, {@code InvalidParameter.VersionId.Format} (400); {@code EntityNotExist.Policy},
     *         {@code EntityNotExist.Policy.Version} (404)
     */
    public void setDefaultVersion(Caller caller, String policyName, String versionId) {
        String name = RamInput.policyName("PolicyName", policyName);
        String id = RamInput.versionId(versionId);
        AccountId account = caller.accountId();
        store.atomically(() -> {
            RamPolicy policy = catalog.requireCustom(account, name);
            PolicyVersion version = version(account, policy, id);
            if (!version.isDefaultVersion()) {
                store.updateCustomPolicy(account, new RamPolicy(PolicyType.Custom, name, policy.description(),
                        version.versionId(), policy.createDate(), RamEntities.now(clock)));
            }
            return null;
        });
    }

    /**
     * DeletePolicyVersion: a version that is not the default.
     *
     * @throws dev.actiontrail.core.error.ApiException as {@link #setDefaultVersion}, and
     *         {@code DeleteConflict.Policy.Version.Default} (409) for the default version
     */
    public void deleteVersion(Caller caller, String policyName, String versionId) {
        String name = RamInput.policyName("PolicyName", policyName);
        String id = RamInput.versionId(versionId);
        AccountId account = caller.accountId();
        store.atomically(() -> {
            RamPolicy policy = catalog.requireCustom(account, name);
            PolicyVersion version = version(account, policy, id);
            if (version.isDefaultVersion()) {
                throw RamError.DELETE_CONFLICT_POLICY_VERSION_DEFAULT.exception();
            }
            store.deletePolicyVersion(account, name, version.versionId());
            store.updateCustomPolicy(account, new RamPolicy(PolicyType.Custom, name, policy.description(),
                    policy.defaultVersion(), policy.createDate(), RamEntities.now(clock)));
            return null;
        });
    }

    private PolicyVersion version(AccountId account, RamPolicy policy, String versionId) {
        return catalog.versions(account, policy).stream().filter(v -> v.versionId().equals(versionId)).findFirst()
                .orElseThrow(RamError.ENTITY_NOT_EXIST_POLICY_VERSION::exception);
    }
}
