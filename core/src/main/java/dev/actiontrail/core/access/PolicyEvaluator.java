package dev.actiontrail.core.access;

import dev.actiontrail.core.identity.Principal;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Evaluates RAM policies — pure functions, no I/O, no state (access-control reference §1.4).
 *
 * <p><b>Identity requests</b> ({@link #evaluate}): the session policy first, if there is one — a matching Deny
 * statement gives {@code ExplicitDeny}/{@code SessionPolicy}, no matching Allow gives
 * {@code ImplicitDeny}/{@code SessionPolicy}; then the identity policies (user + groups, or the role's) together —
 * any matching Deny gives {@code ExplicitDeny}, else any matching Allow gives {@code Allow}, else
 * {@code ImplicitDeny} (all {@code AccountLevelIdentityBasedPolicy}). A statement matches when its action part,
 * resource part and all its conditions match ({@link Statement}).
 *
 * <p><b>Trust policies</b> ({@link #evaluateTrust}, {@link #trusts}): whether a role's trust policy lets a
 * principal call {@code sts:AssumeRole} (§1.4 "Role trust policy").
 */
public final class PolicyEvaluator {
    /** The action a trust policy governs. */
    public static final String ASSUME_ROLE = "sts:AssumeRole";

    private PolicyEvaluator() {
    }

    /**
     * Decides an identity request.
     *
     * @param identityPolicies the caller's identity policies (may be empty: then everything is implicitly denied)
     * @param sessionPolicy    the STS session policy of a role session, or null when there is none
     * @param action           the action, e.g. {@code actiontrail:DescribeTrails} (compared case-insensitively)
     * @param resource         the resource ARN, e.g. {@code acs:actiontrail:cn-hangzhou:1234567890123456:trail/t1},
     *                         or {@code *} (compared case-sensitively)
     * @param context          the request's condition keys
     * @return the decision; never null
     * @throws IllegalArgumentException if {@code sessionPolicy} is a trust policy
     */
    public static Decision evaluate(List<ApplicablePolicy> identityPolicies, PolicyDocument sessionPolicy,
                                    String action, String resource, RequestContext context) {
        Objects.requireNonNull(identityPolicies, "identityPolicies");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(context, "context");
        if (sessionPolicy != null) {
            if (sessionPolicy.isTrustPolicy()) {
                throw new IllegalArgumentException("a session policy must be an identity policy");
            }
            Decision session = decide(sessionPolicy.statementArray(), "", "SessionPolicy", "", null,
                    NoPermissionPolicyType.SessionPolicy, action, resource, context);
            if (!session.allowed()) {
                return session;
            }
        }
        Decision.MatchedStatement allow = null;
        for (ApplicablePolicy p : identityPolicies) {
            Statement[] statements = p.document().statementArray();
            for (int i : p.document().statementsFor(action)) { // the statements whose action part covers it
                Statement s = statements[i];
                if (allow != null && s.effect() == Effect.Allow) {
                    continue; // already allowed: only a Deny can still change the outcome
                }
                if (s.matchesResource(resource) && s.conditionsMet(context)) {
                    Decision.MatchedStatement m = new Decision.MatchedStatement(p.policyName(),
                            p.policyType().name(), p.attachedEntityType(), i + 1, s.effect());
                    if (s.effect() == Effect.Deny) {
                        return new Decision(Decision.Outcome.EXPLICIT_DENY,
                                NoPermissionPolicyType.AccountLevelIdentityBasedPolicy, action, resource, m);
                    }
                    allow = m;
                }
            }
        }
        return new Decision(allow == null ? Decision.Outcome.IMPLICIT_DENY : Decision.Outcome.ALLOW,
                NoPermissionPolicyType.AccountLevelIdentityBasedPolicy, action, resource, allow);
    }

    /**
     * Decides whether a role's trust policy lets a principal assume the role: a statement whose action part covers
     * {@code sts:AssumeRole}, whose Principal names the principal (see {@link #trusts}) and whose conditions hold
     * decides — Deny beats Allow, nothing matching is an implicit deny. The statements' Resource element, if any,
     * is ignored. Decisions carry {@link NoPermissionPolicyType#AssumeRolePolicy}.
     *
     * @param trustPolicy    the role's trust policy ({@link PolicyDocument#trustPolicy})
     * @param roleArn        the role's ARN, recorded as the decision's resource
     * @param principalKind  {@code RAM}, {@code Service} or {@code Federated}
     * @param principalValue for RAM the caller's ARN ({@link #principalArn}), for Service e.g.
     *                       {@code actiontrail.aliyuncs.com}, for Federated the provider ARN
     * @param context        the request's condition keys (e.g. with {@code sts:ExternalId})
     * @throws IllegalArgumentException if {@code trustPolicy} is not a trust policy
     */
    public static Decision evaluateTrust(PolicyDocument trustPolicy, String roleArn, String principalKind,
                                         String principalValue, RequestContext context) {
        return evaluateTrust(trustPolicy, roleArn, principalKind, principalValue, null, context);
    }

    /**
     * {@link #evaluateTrust(PolicyDocument, String, String, String, RequestContext)} with the caller's account given
     * explicitly: a {@code RAM} entry {@code acs:ram::<account>:root} names the caller when {@code callerAccountId}
     * is that account (instead of reading the account from the caller's ARN). Null means "read it from the ARN".
     */
    public static Decision evaluateTrust(PolicyDocument trustPolicy, String roleArn, String principalKind,
                                         String principalValue, String callerAccountId, RequestContext context) {
        Objects.requireNonNull(trustPolicy, "trustPolicy");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(principalKind, "principalKind");
        Objects.requireNonNull(principalValue, "principalValue");
        Objects.requireNonNull(context, "context");
        if (!trustPolicy.isTrustPolicy()) {
            throw new IllegalArgumentException("not a trust policy");
        }
        return decide(trustPolicy.statementArray(), "", "AssumeRolePolicy", "",
                new String[]{principalKind, principalValue, callerAccountId}, NoPermissionPolicyType.AssumeRolePolicy,
                ASSUME_ROLE, roleArn, context);
    }

    /**
     * Whether {@code trustPolicy} lets the principal assume the role ({@link #evaluateTrust} allows). A Principal
     * entry names the caller when:
     * <ul>
     *   <li>its value is {@code *} (of the caller's kind), or the whole Principal is {@code "*"};</li>
     *   <li>RAM: {@code acs:ram::<account>:root} (or the bare 16-digit account ID [I]) — every RAM identity of that
     *       account, i.e. any caller ARN starting with {@code acs:ram::<account>:}; otherwise the exact ARN of a
     *       user ({@code acs:ram::<account>:user/<name>}, case-sensitive) or role
     *       ({@code acs:ram::<account>:role/<name>}, case-insensitive as role names are). No other wildcards;</li>
     *   <li>Service: the service name, e.g. {@code ecs.aliyuncs.com}, case-insensitively;</li>
     *   <li>Federated: the exact value.</li>
     * </ul>
     */
    public static boolean trusts(PolicyDocument trustPolicy, String principalKind, String principalValue,
                                 RequestContext context) {
        return evaluateTrust(trustPolicy, "*", principalKind, principalValue, null, context).allowed();
    }

    /**
     * {@link #trusts(PolicyDocument, String, String, RequestContext)} with the caller's account given explicitly
     * (what {@code acs:ram::<account>:root} entries are compared with); see
     * {@link #evaluateTrust(PolicyDocument, String, String, String, String, RequestContext)}.
     */
    public static boolean trusts(PolicyDocument trustPolicy, String principalKind, String principalValue,
                                 String callerAccountId, RequestContext context) {
        return evaluateTrust(trustPolicy, "*", principalKind, principalValue, callerAccountId, context).allowed();
    }

    /**
     * The ARN a trust policy's {@code RAM} entries are compared with: {@code acs:ram::<account>:root} for the root
     * identity, {@code acs:ram::<account>:user/<userName>} for a RAM user, {@code acs:ram::<account>:role/<roleName
     * in lower case>} for a role session (as {@code RamRole.arn()} renders it).
     */
    public static String principalArn(Principal principal) {
        String prefix = "acs:ram::" + principal.accountId().value() + ":";
        if (principal instanceof Principal.User u) {
            return prefix + "user/" + u.userName();
        }
        if (principal instanceof Principal.RoleSession r) {
            return prefix + "role/" + r.roleName().toLowerCase(Locale.ROOT);
        }
        return prefix + "root";
    }

    /**
     * One policy's statements: Deny beats Allow beats nothing. {@code principal} is {kind, value, account or null}
     * for a trust policy, or null.
     */
    private static Decision decide(Statement[] statements, String policyName, String policyTypeName,
                                   String entityType, String[] principal, NoPermissionPolicyType stage,
                                   String action, String resource, RequestContext context) {
        Decision.MatchedStatement allow = null;
        for (int i = 0; i < statements.length; i++) {
            Statement s = statements[i];
            if (allow != null && s.effect() == Effect.Allow) {
                continue;
            }
            boolean applies = principal == null
                    ? s.applies(action, resource, context)
                    : s.matchesAction(action) && namesPrincipal(s, principal[0], principal[1], principal[2])
                    && s.conditionsMet(context);
            if (applies) {
                Decision.MatchedStatement m =
                        new Decision.MatchedStatement(policyName, policyTypeName, entityType, i + 1, s.effect());
                if (s.effect() == Effect.Deny) {
                    return new Decision(Decision.Outcome.EXPLICIT_DENY, stage, action, resource, m);
                }
                allow = m;
            }
        }
        return new Decision(allow == null ? Decision.Outcome.IMPLICIT_DENY : Decision.Outcome.ALLOW, stage, action,
                resource, allow);
    }

    private static boolean namesPrincipal(Statement s, String kind, String value, String account) {
        for (var e : s.principals().entrySet()) {
            String declaredKind = e.getKey();
            if (declaredKind.equals(Statement.ANY_KIND)) {
                return true;
            }
            if (!declaredKind.equals(kind)) {
                continue;
            }
            for (String declared : e.getValue()) {
                if (declared.equals("*") || principalValueMatches(kind, declared, value, account)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean principalValueMatches(String kind, String declared, String value, String callerAccount) {
        switch (kind) {
            case Statement.RAM: {
                String account = rootAccount(declared);
                if (account != null) {
                    return callerAccount != null ? callerAccount.equals(account)
                            : value.startsWith("acs:ram::" + account + ":");
                }
                return declared.contains(":role/") ? declared.equalsIgnoreCase(value) : declared.equals(value);
            }
            case Statement.SERVICE:
                return declared.equalsIgnoreCase(value);
            default:
                return declared.equals(value);
        }
    }

    /** The account of {@code acs:ram::<account>:root} or of a bare 16-digit account ID; else null. */
    private static String rootAccount(String declared) {
        if (declared.startsWith("acs:ram::") && declared.endsWith(":root")) {
            String account = declared.substring("acs:ram::".length(), declared.length() - ":root".length());
            return account.isEmpty() || account.indexOf(':') >= 0 ? null : account;
        }
        if (declared.length() == 16 && declared.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return declared;
        }
        return null;
    }
}
