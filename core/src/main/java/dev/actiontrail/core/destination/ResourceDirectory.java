package dev.actiontrail.core.destination;

import dev.actiontrail.core.account.AccountId;

import java.util.Optional;

/**
 * Port: the account's storage resources a trail can deliver to — OSS buckets, SLS projects (with their Logstores)
 * and MaxCompute projects. Answers existence and write access, and creates what ActionTrail creates itself
 * (the {@code actiontrail_<trail>} Logstore, the {@code actiontrail_<account>} MaxCompute project; seed 001).
 */
public interface ResourceDirectory {
    /** Whether the bucket exists and ActionTrail may write to it. */
    DestinationAccess bucketAccess(AccountId account, String bucket);

    /** The region of an existing bucket, e.g. {@code cn-hangzhou}; empty if the bucket does not exist. */
    Optional<String> bucketRegion(AccountId account, String bucket);

    /** Whether the SLS project exists and ActionTrail may write to it. */
    DestinationAccess slsProjectAccess(AccountId account, String project);

    /** Whether the Logstore exists in the project and ActionTrail may write to it. */
    DestinationAccess logstoreAccess(AccountId account, String project, String logstore);

    /**
     * Creates the Logstore in an existing project if absent.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code CreateLogStoreError} (400) if it cannot be created
     */
    void ensureLogstore(AccountId account, String project, String logstore);

    /**
     * Creates the MaxCompute project if absent.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code InsufficientBucketPolicyException}-style errors are
     *         not raised here; an unwritable location raises {@code InternalError}
     */
    void ensureMaxComputeProject(AccountId account, String project);
}
