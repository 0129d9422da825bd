package dev.actiontrail.core.trail;

/**
 * The parameters of a CreateTrail or UpdateTrail call as sent (§2.2, §2.3, §3). A null field was not sent; for
 * UpdateTrail that leaves the stored value unchanged, and an empty string clears an optional setting.
 */
public record TrailRequest(
        String name,
        String ossBucketName,
        String ossKeyPrefix,
        String ossWriteRoleArn,
        String slsProjectArn,
        String slsWriteRoleArn,
        String maxComputeProjectArn,
        String maxComputeWriteRoleArn,
        String roleName,
        String eventRW,
        String trailRegion,
        String isOrganizationTrail) {

    /** A request that names a trail and sets nothing else. */
    public static TrailRequest named(String name) {
        return new TrailRequest(name, null, null, null, null, null, null, null, null, null, null, null);
    }
}
