package dev.actiontrail.core.access;

/**
 * The kind of policy that decided a request, as {@code AccessDeniedDetail.PolicyType} and
 * {@code DecodedDiagnosticMessage.NoPermissionPolicyType} name it (access-control reference §2.2). This server
 * evaluates {@link #SessionPolicy}, {@link #AccountLevelIdentityBasedPolicy} and {@link #AssumeRolePolicy}; the
 * other two exist for completeness (no control policies or resource groups here).
 */
public enum NoPermissionPolicyType {
    AssumeRolePolicy,
    ControlPolicy,
    AccountLevelIdentityBasedPolicy,
    ResourceGroupLevelIdentityBasedPolicy,
    SessionPolicy
}
