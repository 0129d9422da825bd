package dev.actiontrail.core.identity;

import dev.actiontrail.core.access.JsonTree;
import dev.actiontrail.core.access.MalformedPolicyException;
import dev.actiontrail.core.access.PolicyDocument;
import dev.actiontrail.core.access.PolicyParser;
import dev.actiontrail.core.access.SystemPolicies;
import dev.actiontrail.core.access.SystemPolicy;
import dev.actiontrail.core.account.AccountId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The policies an account can use, as the RAM use cases see them: the built-in {@link SystemPolicies} (the same in
 * every account; one version, their default) and the account's custom policies from the {@link IdentityStore}.
 * Also the one place that checks a policy document's text ({@code MalformedPolicyDocument}, 400, with the parser's
 * precise message).
 */
final class PolicyCatalog {
    private final IdentityStore store;

    PolicyCatalog(IdentityStore store) {
        this.store = store;
    }

    /** A system policy's summary. */
    static RamPolicy summary(SystemPolicy p) {
        return new RamPolicy(PolicyType.System, p.policyName(), p.description(), p.defaultVersion(), p.createDate(),
                p.updateDate());
    }

    Optional<RamPolicy> find(AccountId account, PolicyType type, String name) {
        return type == PolicyType.System
                ? SystemPolicies.find(name).map(PolicyCatalog::summary)
                : store.customPolicy(account, name);
    }

    /** The policy; {@code EntityNotExist.Policy} (404) when there is none of that type and name. */
    RamPolicy require(AccountId account, PolicyType type, String name) {
        return find(account, type, name).orElseThrow(RamError.ENTITY_NOT_EXIST_POLICY::exception);
    }

    /**
     * The account's custom policy; {@code EntityNotExist.Policy} (404) otherwise — also for the name of a system
     * policy: the actions that change a policy (CreatePolicyVersion, SetDefaultPolicyVersion, DeletePolicyVersion,
     * DeletePolicy) take no PolicyType and act on custom policies only, so a system policy is not found by them.
     */
    RamPolicy requireCustom(AccountId account, String name) {
        return require(account, PolicyType.Custom, name);
    }

    /** The policy's versions by number (a system policy has one: its default, created at its last update). */
    List<PolicyVersion> versions(AccountId account, RamPolicy policy) {
        if (policy.policyType() == PolicyType.System) {
            SystemPolicy p = SystemPolicies.find(policy.policyName()).orElseThrow();
            return List.of(new PolicyVersion(p.defaultVersion(), true, p.policyDocument(), p.updateDate()));
        }
        return store.policyVersions(account, policy.policyName());
    }

    PolicyVersion defaultVersion(AccountId account, RamPolicy policy) {
        return versions(account, policy).stream().filter(PolicyVersion::isDefaultVersion).findFirst()
                .orElseThrow(() -> new IllegalStateException("policy without its default version: "
                        + policy.policyName()));
    }

    /** The system policies (unless {@code type} is Custom) and the account's custom ones (unless it is System). */
    List<RamPolicy> all(AccountId account, PolicyType type) {
        List<RamPolicy> out = new ArrayList<>();
        if (type != PolicyType.Custom) {
            SystemPolicies.all().forEach(p -> out.add(summary(p)));
        }
        if (type != PolicyType.System) {
            out.addAll(store.customPolicies(account));
        }
        return out;
    }

    /** How many users, groups and roles the policy is attached to, among {@code attachments}. */
    static int attachmentCount(List<PolicyAttachment> attachments, RamPolicy policy) {
        return (int) attachments.stream().filter(a -> a.isOf(policy.policyType(), policy.policyName())).count();
    }

    /** Checks an identity policy's text with {@code parser}; {@code MalformedPolicyDocument} when it is invalid. */
    static void checkIdentityPolicy(PolicyParser parser, String text) {
        try {
            parser.parse(text);
        } catch (MalformedPolicyException e) {
            throw RamError.MALFORMED_POLICY_DOCUMENT.exception(e.getMessage());
        }
    }

    /**
     * Checks a role trust policy's text ({@code AssumeRolePolicyDocument}): strict JSON ({@link JsonTree}) read as a
     * trust policy ({@link PolicyDocument#trustPolicy}); {@code MalformedPolicyDocument} when it is invalid.
     */
    static void checkTrustPolicy(String text) {
        try {
            PolicyDocument.trustPolicy(JsonTree.parse(text));
        } catch (MalformedPolicyException e) {
            throw RamError.MALFORMED_POLICY_DOCUMENT.exception(e.getMessage());
        }
    }
}
