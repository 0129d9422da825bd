package dev.actiontrail.core.destination;

import dev.actiontrail.core.account.AccountId;

/**
 * Port: whether a write role of a resource owner lets ActionTrail deliver a trail of another account into that
 * owner's resources (the console guide's "Delivery to Another Account": the trail names a RAM role ARN of the
 * destination account as {@code OssWriteRoleArn}, {@code SlsWriteRoleArn} or {@code MaxComputeWriteRoleArn}).
 * {@link DeliveryIdentity#mayWriteTo} asks it only for a role ARN of {@code resourceOwner} and a trail of another
 * account; the default implementation reads the owner's RAM roles ({@link TrustPolicyRoles}).
 *
 * <p>Implementations must be thread-safe (delivery asks from its own thread) and fail closed: anything they cannot
 * decide is {@code false}.
 */
@FunctionalInterface
public interface CrossAccountRoles {
    /** Grants nothing: every account delivers only into its own resources. */
    CrossAccountRoles NONE = (trailOwner, roleArn, resourceOwner) -> false;

    /**
     * @param trailOwner    the account of the trail that delivers
     * @param roleArn       the write role the trail names, {@code acs:ram::<resourceOwner>:role/<name>}
     * @param resourceOwner the account that owns the bucket or project (not {@code trailOwner})
     * @return whether the role exists in {@code resourceOwner} and lets ActionTrail act for {@code trailOwner}
     */
    boolean mayDeliverAs(AccountId trailOwner, String roleArn, AccountId resourceOwner);
}
