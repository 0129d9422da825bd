package dev.actiontrail.core.trail;

import java.time.Instant;

/**
 * The answer of GetTrailStatus (§2.6): whether the trail logs, when it started and stopped, whether its
 * destinations are reachable now, and how its deliveries went. Delivery times and errors come only from real
 * delivery attempts: a trail that delivered nothing has no {@code latestDeliveryTime} (nothing is made up).
 *
 * @param ossBucketStatus               whether the OSS bucket exists and is writable; null without an OSS destination
 * @param slsLogStoreStatus             whether the Logstore exists and is writable; null without an SLS destination
 * @param latestDeliveryTime            last successful OSS delivery (UTC), or null
 * @param latestDeliveryError           error of the last failed OSS delivery attempt, or null after a success
 * @param latestDeliveryLogServiceTime  last successful SLS delivery (UTC), or null
 * @param latestDeliveryLogServiceError error of the last failed SLS delivery attempt, or null after a success
 */
public record TrailStatusReport(Trail trail, Boolean ossBucketStatus, Boolean slsLogStoreStatus,
                                Instant latestDeliveryTime, String latestDeliveryError,
                                Instant latestDeliveryLogServiceTime, String latestDeliveryLogServiceError) {
}
