package dev.actiontrail.core.trail;

/**
 * The answer of GetTrailStatus (§2.6) as far as the trail itself knows it: whether it logs, when it started and
 * stopped, and whether its destinations are reachable now. Delivery times and errors are only reported once a
 * delivery was attempted; until then they are absent (nothing is made up).
 *
 * @param ossBucketStatus   whether the OSS bucket exists and is writable; null when the trail has no OSS destination
 * @param slsLogStoreStatus whether the Logstore exists and is writable; null when the trail has no SLS destination
 */
public record TrailStatusReport(Trail trail, Boolean ossBucketStatus, Boolean slsLogStoreStatus) {
}
