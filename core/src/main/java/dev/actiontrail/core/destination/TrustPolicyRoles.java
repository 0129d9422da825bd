package dev.actiontrail.core.destination;

import dev.actiontrail.core.access.Decision;
import dev.actiontrail.core.access.JsonTree;
import dev.actiontrail.core.access.MalformedPolicyException;
import dev.actiontrail.core.access.PolicyDocument;
import dev.actiontrail.core.access.PolicyEvaluator;
import dev.actiontrail.core.access.PolicyParser;
import dev.actiontrail.core.access.RequestContext;
import dev.actiontrail.core.access.Statement;
import dev.actiontrail.core.account.AccountId;
import dev.actiontrail.core.identity.IdentityStore;
import dev.actiontrail.core.identity.RamRole;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link CrossAccountRoles} of the RAM roles in an {@link IdentityStore} (first version). A write role
 * {@code acs:ram::<owner>:role/<name>} grants delivery of a trail of account {@code T} into the owner's resources
 * when the role exists in the owner account and its trust policy ({@code AssumeRolePolicyDocument}) lets
 * {@code sts:AssumeRole} to any of these principals, with no statement denying one of them:
 * <ul>
 *   <li>{@code "Service": "<T>@actiontrail.aliyuncs.com"} — ActionTrail acting for account T (the form Alibaba Cloud
 *       uses for a service acting across accounts);</li>
 *   <li>{@code "RAM": "acs:ram::<T>:root"} (or the bare account ID, or {@code "*"}) — the whole account T.</li>
 * </ul>
 * The bare service principal {@code "Service": "actiontrail.aliyuncs.com"} grants no other account: it is what the
 * owner's own delivery roles (the service-linked {@code aliyunserviceroleforactiontrail}) trust, and naming such a
 * role must not let any other account's trail write into the owner's bucket.
 * Conditions are evaluated with no request keys, so a statement with a condition (e.g. {@code sts:ExternalId}) does
 * not grant. A missing account or role, or a trust policy that cannot be read, grants nothing.
 */
public final class TrustPolicyRoles implements CrossAccountRoles {
    /** ActionTrail's service principal. */
    public static final String SERVICE = "actiontrail.aliyuncs.com";

    private static final Pattern ROLE_ARN = Pattern.compile("acs:ram::(\\d{16}):role/(.+)");

    private final IdentityStore identities;
    private final PolicyParser parser;

    /** Roles read from {@code identities}; trust policies read with the core's JSON reader. */
    public TrustPolicyRoles(IdentityStore identities) {
        this(identities, JsonTree.policyParser());
    }

    public TrustPolicyRoles(IdentityStore identities, PolicyParser parser) {
        this.identities = Objects.requireNonNull(identities);
        this.parser = Objects.requireNonNull(parser);
    }

    @Override
    public boolean mayDeliverAs(AccountId trailOwner, String roleArn, AccountId resourceOwner) {
        Matcher m = roleArn == null ? null : ROLE_ARN.matcher(roleArn);
        if (m == null || !m.matches() || !m.group(1).equals(resourceOwner.value())
                || !identities.accountExists(resourceOwner)) {
            return false;
        }
        Optional<RamRole> role = identities.role(resourceOwner, m.group(2));
        if (role.isEmpty()) {
            return false;
        }
        return grants(role.get().assumeRolePolicyDocument(), trailOwner, parser);
    }

    /** Whether a trust policy's text grants delivery for a trail of {@code trailOwner} (the rules above). */
    static boolean grants(String trustPolicy, AccountId trailOwner, PolicyParser parser) {
        PolicyDocument trust;
        try {
            trust = parser.parseTrust(trustPolicy);
        } catch (MalformedPolicyException | IllegalArgumentException e) {
            return false;
        }
        String t = trailOwner.value();
        List<Decision> decisions = List.of(
                PolicyEvaluator.evaluateTrust(trust, "*", Statement.SERVICE, t + "@" + SERVICE, RequestContext.EMPTY),
                PolicyEvaluator.evaluateTrust(trust, "*", Statement.RAM, "acs:ram::" + t + ":root", t,
                        RequestContext.EMPTY));
        if (decisions.stream().anyMatch(d -> d.outcome() == Decision.Outcome.EXPLICIT_DENY)) {
            return false;
        }
        return decisions.stream().anyMatch(Decision::allowed);
    }
}
