package dev.actiontrail.http.authz;

import dev.actiontrail.core.access.AccessDeniedDetail;
import dev.actiontrail.core.access.Authorizer;
import dev.actiontrail.core.access.Decision;
import dev.actiontrail.core.error.ApiException;
import dev.actiontrail.core.error.ErrorCode;
import dev.actiontrail.core.identity.Caller;
import dev.actiontrail.http.spec.ActionSpec;
import dev.actiontrail.http.spec.CallAuthorizer;
import dev.actiontrail.http.spec.CallFacts;
import dev.actiontrail.http.spec.ProductApi;

import java.util.Objects;

/**
 * The gateway's authorization step with RAM policies (access-control reference §1.4, §2): the root identity may do
 * everything; a RAM user or a role session is evaluated by the core {@link Authorizer} against the action's RAM
 * action and resource ARN and the call's condition keys. A refusal is the product's {@code NoPermission} (403) with
 * the {@code AccessDeniedDetail} object (PolicyType, AuthPrincipalOwnerId, EncodedDiagnosticMessage,
 * AuthPrincipalType, AuthPrincipalDisplayName, NoPermissionType, AuthAction).
 */
public final class AccessControl implements CallAuthorizer {
    private final Authorizer authorizer;

    public AccessControl(Authorizer authorizer) {
        this.authorizer = Objects.requireNonNull(authorizer);
    }

    @Override
    public void authorize(Caller caller, ProductApi product, ActionSpec action, String resource, CallFacts facts) {
        if (caller.isRoot()) {
            return; // the root identity is not subject to RAM policies (§1.4)
        }
        Decision decision = authorizer.authorize(caller, action.ramAction(), resource, Conditions.of(caller, facts));
        if (!decision.allowed()) {
            ErrorCode denied = product.noPermission();
            throw new ApiException(denied, denied.message(), AccessDeniedDetail.of(caller, decision,
                    action.ramAction()));
        }
    }
}
