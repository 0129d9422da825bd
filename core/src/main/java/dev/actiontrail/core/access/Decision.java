package dev.actiontrail.core.access;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of evaluating one request against policies (access-control reference §1.4): the {@link Outcome}, the
 * kind of policy that decided it ({@link NoPermissionPolicyType}, what {@code AccessDeniedDetail.PolicyType} shows),
 * the request's action and resource, and — for diagnostics — the statement that decided it, if one did (an explicit
 * Deny or the first Allow; none for an implicit deny or the root identity). Immutable.
 */
public final class Decision {

    /** Allowed, denied because nothing allowed it, or denied by a Deny statement. */
    public enum Outcome {
        ALLOW, IMPLICIT_DENY, EXPLICIT_DENY;

        /**
         * {@code ImplicitDeny} / {@code ExplicitDeny}, the {@code AccessDeniedDetail.NoPermissionType} (§2.2).
         *
         * @throws IllegalStateException for {@link #ALLOW}
         */
        public String noPermissionType() {
            return switch (this) {
                case IMPLICIT_DENY -> "ImplicitDeny";
                case EXPLICIT_DENY -> "ExplicitDeny";
                case ALLOW -> throw new IllegalStateException("an allowed request has no NoPermissionType");
            };
        }
    }

    /**
     * The statement that decided a request.
     *
     * @param policyName         the policy's name; {@code ""} for a session or trust policy (they have none)
     * @param policyType         {@code System} or {@code Custom} for identity policies, {@code SessionPolicy} or
     *                           {@code AssumeRolePolicy} otherwise
     * @param attachedEntityType {@code RamUser}, {@code RamGroup} or {@code RamRole}; {@code ""} for a session or
     *                           trust policy
     * @param statement          1-based position of the statement in its document
     * @param effect             the statement's effect
     */
    public record MatchedStatement(String policyName, String policyType, String attachedEntityType, int statement,
                                   Effect effect) {
        public MatchedStatement {
            Objects.requireNonNull(policyName, "policyName");
            Objects.requireNonNull(policyType, "policyType");
            Objects.requireNonNull(attachedEntityType, "attachedEntityType");
            Objects.requireNonNull(effect, "effect");
        }
    }

    private final Outcome outcome;
    private final NoPermissionPolicyType policyType;
    private final String action;
    private final String resource;
    private final MatchedStatement matched;

    /**
     * @param outcome    the outcome
     * @param policyType the kind of policy that decided it (for ALLOW: the last stage passed, normally
     *                   AccountLevelIdentityBasedPolicy)
     * @param action     the request's action, e.g. {@code actiontrail:DescribeTrails}
     * @param resource   the request's resource ARN (or {@code *})
     * @param matched    the deciding statement, or null
     */
    public Decision(Outcome outcome, NoPermissionPolicyType policyType, String action, String resource,
                    MatchedStatement matched) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.policyType = Objects.requireNonNull(policyType, "policyType");
        this.action = Objects.requireNonNull(action, "action");
        this.resource = Objects.requireNonNull(resource, "resource");
        this.matched = matched;
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }

    public NoPermissionPolicyType policyType() {
        return policyType;
    }

    public String action() {
        return action;
    }

    public String resource() {
        return resource;
    }

    /** The deciding statement; empty for an implicit deny and for the root identity. */
    public Optional<MatchedStatement> matched() {
        return Optional.ofNullable(matched);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Decision d && d.outcome == outcome && d.policyType == policyType
                && d.action.equals(action) && d.resource.equals(resource) && Objects.equals(d.matched, matched);
    }

    @Override
    public int hashCode() {
        return Objects.hash(outcome, policyType, action, resource, matched);
    }

    @Override
    public String toString() {
        return "Decision[" + outcome + ", " + policyType + ", " + action + " on " + resource
                + (matched == null ? "" : ", by " + matched) + "]";
    }
}
