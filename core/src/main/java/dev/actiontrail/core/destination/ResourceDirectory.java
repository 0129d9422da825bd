package dev.actiontrail.core.destination;

import dev.actiontrail.core.account.AccountId;

import java.util.Optional;

/**
 * Port: the storage resources a trail can deliver to — OSS buckets, SLS projects (with their Logstores) and
 * MaxCompute projects — of every account of the server. Answers existence and write access, and creates what
 * ActionTrail creates itself (the {@code actiontrail_<trail>} Logstore, the {@code actiontrail_<account>} MaxCompute
 * project; seed 001).
 *
 * <p><b>Ownership.</b> Every resource is owned by one account; names are global, as in OSS (a name taken by one
 * account cannot be taken by another). A bucket is named by its name alone; an SLS or MaxCompute project by the
 * account its ARN names ({@code projectAccount}) and its name — a project of that name owned by another account
 * does not exist there. Access follows {@link DeliveryIdentity#mayWriteTo}: a resource of another account is
 * {@link DestinationAccess#DENIED} unless the writer names a write role of the owner that the owner grants
 * ({@link CrossAccountRoles}). Answers never reveal more of another account than that: a project of an account that
 * has not granted the writer is {@code DENIED} whether it exists or not, and a bucket's region is told only to its
 * owner or a granted writer.
 *
 * <p>The methods taking an {@link AccountId} instead of a {@link DeliveryIdentity} ask for the account acting for
 * itself, with no write role, about its own resources.
 */
public interface ResourceDirectory {
    /** Whether the bucket exists ({@code MISSING}), and whether {@code writer} may write to it. */
    DestinationAccess bucketAccess(DeliveryIdentity writer, String bucket);

    /**
     * The region of an existing bucket, e.g. {@code cn-hangzhou}; empty if the bucket does not exist, its region is
     * unknown, or {@code viewer} may not see it ({@link DeliveryIdentity#maySee}).
     */
    Optional<String> bucketRegion(DeliveryIdentity viewer, String bucket);

    /** Whether {@code projectAccount} has the SLS project, and whether {@code writer} may write to it. */
    DestinationAccess slsProjectAccess(DeliveryIdentity writer, AccountId projectAccount, String project);

    /** Whether the Logstore exists in the project and {@code writer} may write to it (never more than the project). */
    DestinationAccess logstoreAccess(DeliveryIdentity writer, AccountId projectAccount, String project,
                                     String logstore);

    /**
     * Creates the Logstore in an existing project if absent.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code CreateLogStoreError} (400) if it cannot be created, e.g.
     *         the project is not {@link DestinationAccess#WRITABLE} for {@code writer}
     */
    void ensureLogstore(DeliveryIdentity writer, AccountId projectAccount, String project, String logstore);

    /**
     * Whether {@code projectAccount} has the MaxCompute project and {@code writer} may write to it; {@code DENIED}
     * also when the name is taken by another account (ActionTrail could not create it there).
     */
    DestinationAccess maxComputeProjectAccess(DeliveryIdentity writer, AccountId projectAccount, String project);

    /**
     * Creates the MaxCompute project, owned by {@code projectAccount}, if absent.
     *
     * @throws dev.actiontrail.core.error.ApiException {@code InternalError} (500) if the project cannot be created
     *         or is not {@link DestinationAccess#WRITABLE} for {@code writer} afterwards
     */
    void ensureMaxComputeProject(DeliveryIdentity writer, AccountId projectAccount, String project);

    // --- the account acting for itself ---------------------------------------------------------------------------

    /** {@link #bucketAccess(DeliveryIdentity, String)} for the account itself. */
    default DestinationAccess bucketAccess(AccountId account, String bucket) {
        return bucketAccess(DeliveryIdentity.of(account), bucket);
    }

    /** {@link #bucketRegion(DeliveryIdentity, String)}: the region of a bucket of the account's own. */
    default Optional<String> bucketRegion(AccountId account, String bucket) {
        return bucketRegion(DeliveryIdentity.of(account), bucket);
    }

    /** {@link #slsProjectAccess(DeliveryIdentity, AccountId, String)} for a project of the account's own. */
    default DestinationAccess slsProjectAccess(AccountId account, String project) {
        return slsProjectAccess(DeliveryIdentity.of(account), account, project);
    }

    /** {@link #logstoreAccess(DeliveryIdentity, AccountId, String, String)} in a project of the account's own. */
    default DestinationAccess logstoreAccess(AccountId account, String project, String logstore) {
        return logstoreAccess(DeliveryIdentity.of(account), account, project, logstore);
    }

    /** {@link #ensureLogstore(DeliveryIdentity, AccountId, String, String)} in a project of the account's own. */
    default void ensureLogstore(AccountId account, String project, String logstore) {
        ensureLogstore(DeliveryIdentity.of(account), account, project, logstore);
    }

    /** {@link #ensureMaxComputeProject(DeliveryIdentity, AccountId, String)} for the account's own project. */
    default void ensureMaxComputeProject(AccountId account, String project) {
        ensureMaxComputeProject(DeliveryIdentity.of(account), account, project);
    }
}
