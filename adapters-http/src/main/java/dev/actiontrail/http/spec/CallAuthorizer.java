package dev.actiontrail.http.spec;

import dev.actiontrail.core.identity.Caller;

/**
 * The authorization step of the gateway: runs once per call, after authentication and before the handler, for every
 * action whose spec names a RAM action.
 */
@FunctionalInterface
public interface CallAuthorizer {
    /**
     * @param resource the resource ARN the call acts on (from the action's spec)
     * @throws dev.actiontrail.core.error.ApiException the product's {@code NoPermission} (403), with its
     *         {@code AccessDeniedDetail}, when the caller may not
     */
    void authorize(Caller caller, ProductApi product, ActionSpec action, String resource, CallFacts facts);

    /** Allows everything (tests of other concerns). */
    CallAuthorizer ALLOW_ALL = (caller, product, action, resource, facts) -> { };
}
