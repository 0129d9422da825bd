package dev.actiontrail.http.spec;

import dev.actiontrail.core.error.ErrorCode;

import java.util.Map;
import java.util.Optional;

/**
 * One product the gateway serves (ActionTrail, RAM, STS, ...): its names, its versions, the host that answers it,
 * its deny error, and its actions as {@link ActionSpec}s. The gateway routes a call to the product serving its
 * {@code Version}, authorizes it from the action's spec, runs the handler and records the call.
 */
public interface ProductApi {
    /** The product code of events and error links, e.g. {@code Actiontrail}, {@code Ram}, {@code Sts}. */
    String product();

    /** The RAM service code, e.g. {@code actiontrail}, {@code ram}, {@code sts}. */
    String serviceCode();

    /** Whether this product serves the API version, e.g. {@code 2015-05-01}. */
    boolean serves(String version);

    /** The endpoint host of the product in a region (errors' {@code HostId}, events' {@code eventSource}). */
    String host(String region);

    /** This product's answer to a denied call (code {@code NoPermission}, status 403, its own message). */
    ErrorCode noPermission();

    /**
     * This product's answer to a call that failed for a reason of ours (code {@code InternalError}, status 500, its
     * own message); by default ActionTrail's.
     */
    default ErrorCode internalError() {
        return dev.actiontrail.core.error.ApiError.INTERNAL_ERROR;
    }

    /** The actions of a version, by name, in documentation order. */
    Map<String, ActionSpec> actions(String version);

    /**
     * The action of a call, after the product's own checks of the call as a whole (e.g. ActionTrail refuses a
     * region it does not serve with {@code InvalidRegionId}); empty when the product has no such action.
     *
     * @throws dev.actiontrail.core.error.ApiException the product's errors for the call as a whole
     */
    default Optional<ActionSpec> action(String name, String version, String region) {
        return Optional.ofNullable(actions(version).get(name));
    }
}
