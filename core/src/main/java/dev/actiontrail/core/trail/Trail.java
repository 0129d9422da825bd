package dev.actiontrail.core.trail;

import dev.actiontrail.core.account.AccountId;

import java.time.Instant;
import java.util.Optional;

/**
 * A trail (§2.2–§2.7): where an account's events are delivered, which of them, and whether it is logging.
 *
 * <p>Destination fields are empty strings when unset (the API renders them so). Times are UTC instants with
 * second precision; {@code startLoggingTime} / {@code stopLoggingTime} are null until the first StartLogging /
 * StopLogging.
 *
 * @param homeRegion        the region of the CreateTrail call
 * @param roleName          the 2017-12-04 {@code RoleName} (empty for 2020-07-06 trails)
 * @param organizationId    the resource directory ID of an organization trail, else empty
 */
public record Trail(
        AccountId accountId,
        String name,
        String homeRegion,
        String ossBucketName,
        String ossKeyPrefix,
        String ossWriteRoleArn,
        String slsProjectArn,
        String slsWriteRoleArn,
        String maxComputeProjectArn,
        String maxComputeWriteRoleArn,
        String roleName,
        EventRW eventRW,
        TrailRegion trailRegion,
        boolean organizationTrail,
        String organizationId,
        TrailStatus status,
        Instant createTime,
        Instant updateTime,
        Instant startLoggingTime,
        Instant stopLoggingTime) {

    /** {@code acs:actiontrail:<homeRegion>:<accountId>:trail/<name>} (§7). */
    public String trailArn() {
        return Arn.trailOf(homeRegion, accountId, name);
    }

    /** Whether the trail is logging ({@code Status = Enable}). */
    public boolean isLogging() {
        return status == TrailStatus.Enable;
    }

    public boolean hasOss() {
        return !ossBucketName.isEmpty();
    }

    public boolean hasSls() {
        return !slsProjectArn.isEmpty();
    }

    public boolean hasMaxCompute() {
        return !maxComputeProjectArn.isEmpty();
    }

    /** The SLS project name of {@code slsProjectArn}, if the trail delivers to SLS. */
    public Optional<String> slsProject() {
        return hasSls() ? Optional.of(Arn.slsProject(slsProjectArn).resource()) : Optional.empty();
    }

    /** The Logstore ActionTrail creates for this trail in its SLS project: {@code actiontrail_<trail>} (seed 001). */
    public String slsLogstore() {
        return "actiontrail_" + name;
    }

    /** The MaxCompute table ActionTrail delivers this trail's events to: {@code actiontrail_<trail>} (seed 001). */
    public String maxComputeTable() {
        return "actiontrail_" + name;
    }

    /** Whether the trail covers {@code region} as seen from another home region (a shadow trail there). */
    public boolean coversRegion(String region) {
        return trailRegion.covers(region);
    }

    Trail withStatus(TrailStatus newStatus, Instant now) {
        return new Trail(accountId, name, homeRegion, ossBucketName, ossKeyPrefix, ossWriteRoleArn, slsProjectArn,
                slsWriteRoleArn, maxComputeProjectArn, maxComputeWriteRoleArn, roleName, eventRW, trailRegion,
                organizationTrail, organizationId, newStatus, createTime, now,
                newStatus == TrailStatus.Enable ? now : startLoggingTime,
                newStatus == TrailStatus.Disable ? now : stopLoggingTime);
    }
}
