package dev.actiontrail.core.identity;

import dev.actiontrail.core.access.PolicyParser;

import java.time.Clock;
import java.util.Objects;

/**
 * The RAM 2015-05-01 use cases over one {@link IdentityStore}, built together so they share the store, the limits
 * and the clock (the composition root builds one; the RAM product's handlers call it).
 */
public record RamServices(RamUsers users, RamAccessKeys accessKeys, RamGroups groups, RamPolicies policies,
                          RamAttachments attachments, RamRoles roles) {
    public RamServices {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(accessKeys, "accessKeys");
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(attachments, "attachments");
        Objects.requireNonNull(roles, "roles");
    }

    /**
     * @param parser reads custom policy documents (CreatePolicy, CreatePolicyVersion)
     * @param clock  stamps CreateDate / UpdateDate / AttachDate / JoinDate (UTC, truncated to seconds)
     */
    public static RamServices create(IdentityStore store, PolicyParser parser, RamLimits limits, Clock clock) {
        return new RamServices(new RamUsers(store, limits, clock), new RamAccessKeys(store, limits, clock),
                new RamGroups(store, limits, clock), new RamPolicies(store, parser, limits, clock),
                new RamAttachments(store, limits, clock), new RamRoles(store, limits, clock));
    }
}
